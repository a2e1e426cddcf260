import { BlockList, LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { formatCidr, parseCidr, parseCidrList } from './cidr';
import { createGuardedConnector } from './guarded-connector';
import { AddressPolicy, checkConnectTarget, createGuardedLookup } from './guarded-lookup';
import { ipFamily, stripIpLiteral } from './ip-address';
import { isPrivateAddress } from './private-address';
import { urlTextProblem } from './url-text-problem';

export interface EgressPolicyOptions {
  /** Lets `http://` URLs through; for local development and tests only. */
  allowInsecureUrls: boolean;
  /** Private ranges that may still be reached, e.g. `127.0.0.0/8` in development. */
  allowCidrs: string[];
}

export type UrlCheckResult = { ok: true; url: URL } | { ok: false; reason: string };

const LOOPBACK_PROBE = '127.0.0.1';
const METADATA_PROBE = '169.254.169.254';
const METADATA_HOSTNAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);
const PRIVATE_NAME_SUFFIXES = ['.internal', '.local', '.home.arpa'];

/**
 * SSRF defence for customer endpoint URLs: `checkUrl` when a URL is saved, the guarded
 * lookup / connector when the connection is made (after DNS, so rebinding can't slip by).
 */
export class EgressPolicy implements AddressPolicy {
  readonly allowInsecureUrls: boolean;
  readonly allowCidrs: readonly string[];
  readonly #allowList = new BlockList();

  constructor(options: EgressPolicyOptions) {
    this.allowInsecureUrls = options.allowInsecureUrls;
    const cidrs = options.allowCidrs.map((value) => parseCidr(value, 'allowCidrs'));
    this.allowCidrs = cidrs.map(formatCidr);
    for (const cidr of cidrs) {
      this.#allowList.addSubnet(cidr.network, cidr.prefix, cidr.family);
    }
  }

  /** Reads `ALLOW_INSECURE_URLS` and `EGRESS_ALLOW_CIDRS`; throws naming the variable when one is invalid. */
  static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): EgressPolicy {
    return new EgressPolicy({
      allowInsecureUrls: parseBooleanFlag('ALLOW_INSECURE_URLS', env.ALLOW_INSECURE_URLS),
      allowCidrs: EgressPolicy.parseCidrList(env.EGRESS_ALLOW_CIDRS ?? ''),
    });
  }

  /** Validates and normalises `EGRESS_ALLOW_CIDRS` (`127.0.0.0/8,::1/128`). */
  static parseCidrList(value: string, variableName = 'EGRESS_ALLOW_CIDRS'): string[] {
    return parseCidrList(value, variableName).map(formatCidr);
  }

  /** Save-time check: shape, scheme and literal addresses; hostnames are resolved at connect time. */
  checkUrl(url: string): UrlCheckResult {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return refuse('url must be an absolute URL such as https://example.com/webhooks');
    }
    const textProblem = urlTextProblem(url);
    if (textProblem !== null) {
      return refuse(textProblem);
    }
    const schemeProblem = this.#schemeProblem(parsed.protocol);
    if (schemeProblem !== null) {
      return refuse(schemeProblem);
    }
    if (parsed.username !== '' || parsed.password !== '') {
      return refuse(
        'url must not contain credentials (user:password@); use the webhook auth setting instead',
      );
    }
    if (parsed.port === '0') {
      return refuse('url must not use port 0');
    }
    if (parsed.href.includes('#')) {
      return refuse('url must not contain a fragment (#...)');
    }
    const hostProblem = this.#hostProblem(parsed.hostname);
    return hostProblem === null ? { ok: true, url: parsed } : refuse(hostProblem);
  }

  isAddressAllowed(ip: string): boolean {
    const address = stripIpLiteral(ip);
    const family = ipFamily(address);
    if (family === null) {
      return false;
    }
    return !isPrivateAddress(address) || this.#allowList.check(address, family);
  }

  /** Throws `BlockedAddressError` for a refused IP-literal host (lookups never run for literals). */
  checkConnectTarget(hostname: string): void {
    checkConnectTarget(this, hostname);
  }

  createGuardedLookup(): LookupFunction {
    return createGuardedLookup(this);
  }

  createGuardedConnector(options?: buildConnector.BuildOptions): buildConnector.connector {
    return createGuardedConnector(this, options);
  }

  #schemeProblem(protocol: string): string | null {
    if (protocol === 'https:') {
      return null;
    }
    if (!this.allowInsecureUrls) {
      return 'url must use https (set ALLOW_INSECURE_URLS=true for local development)';
    }
    return protocol === 'http:' ? null : 'url must use http or https';
  }

  #hostProblem(hostname: string): string | null {
    const address = stripIpLiteral(hostname);
    if (ipFamily(address) !== null) {
      return this.isAddressAllowed(address)
        ? null
        : `url points to a private or loopback address (${address})`;
    }
    // A trailing dot is the same DNS name and must not dodge the name checks.
    const name = hostname.replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) {
      return this.isAddressAllowed(LOOPBACK_PROBE) ? null : `url points to a loopback host (${name})`;
    }
    if (METADATA_HOSTNAMES.has(name)) {
      return this.isAddressAllowed(METADATA_PROBE) ? null : `url points to a cloud metadata host (${name})`;
    }
    if (isPrivateNetworkName(name) && this.allowCidrs.length === 0) {
      return `url host must be a public domain name (${name} is a private network name)`;
    }
    return null;
  }
}

// Dotless names and these suffixes only resolve inside a private network or via search domains.
function isPrivateNetworkName(name: string): boolean {
  return !name.includes('.') || PRIVATE_NAME_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

function refuse(reason: string): UrlCheckResult {
  return { ok: false, reason };
}

function parseBooleanFlag(name: string, value: string | undefined): boolean {
  switch ((value ?? '').trim().toLowerCase()) {
    case '':
    case 'false':
      return false;
    case 'true':
      return true;
    default:
      throw new Error(`${name} must be "true" or "false" (got "${value}")`);
  }
}
