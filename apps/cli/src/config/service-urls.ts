import { CliError } from '../output/cli-error';

export interface ServiceUrls {
  subscriptionUrl: string;
  ingestUrl: string;
  auditUrl: string;
}

/**
 * The three API base URLs from what was given. Left out, ingest and audit are the subscription URL with the
 * port one and two higher when it names a port (the local stack: 3000, 3001, 3002), else the same origin
 * (one gateway in front of all three).
 */
export function serviceUrls(given: { url: string; ingestUrl?: string; auditUrl?: string }): ServiceUrls {
  const subscription = parseUrl(given.url, '--url');
  const sibling = (offset: number): string => {
    if (subscription.port === '') {
      return subscription.origin;
    }
    const url = new URL(subscription.origin);
    url.port = String(Number(subscription.port) + offset);
    return url.origin;
  };
  return {
    subscriptionUrl: trimmed(subscription),
    ingestUrl: given.ingestUrl ? trimmed(parseUrl(given.ingestUrl, '--ingest-url')) : sibling(1),
    auditUrl: given.auditUrl ? trimmed(parseUrl(given.auditUrl, '--audit-url')) : sibling(2),
  };
}

function parseUrl(value: string, option: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return url;
    }
  } catch {
    // reported below
  }
  throw new CliError(`${option} must be an http(s) URL, e.g. http://localhost:3000; got "${value}"`);
}

function trimmed(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
