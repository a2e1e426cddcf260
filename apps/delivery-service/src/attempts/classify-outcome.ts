import type { AttemptOutcome } from '@hookline/contracts';

export type AttemptEnd = { status: number } | { error: unknown };

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TLS_CODES = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
]);

/** Where an attempt ended: by status when a response arrived, else by the transport error. */
export function classifyOutcome(end: AttemptEnd): AttemptOutcome {
  return 'status' in end ? outcomeOfStatus(end.status) : outcomeOfError(end.error);
}

export function outcomeOfStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) {
    return 'success';
  }
  if (status >= 300 && status < 400) {
    return 'http_3xx';
  }
  if (status >= 400 && status < 500) {
    return 'http_4xx';
  }
  if (status >= 500) {
    return 'http_5xx';
  }
  return 'network';
}

export function outcomeOfError(error: unknown): AttemptOutcome {
  const chain = causeChain(error);
  // The most specific reason wins: undici often wraps the socket's own error as `cause`.
  for (const { code, name } of chain) {
    if (code === 'EHOSTBLOCKED') {
      return 'blocked';
    }
    if (DNS_CODES.has(code)) {
      return 'dns';
    }
    if (code === 'ECONNREFUSED') {
      return 'connection_refused';
    }
    if (isTlsCode(code)) {
      return 'tls';
    }
    if (TIMEOUT_CODES.has(code) || name === 'TimeoutError') {
      return 'timeout';
    }
  }
  for (const { code } of chain) {
    if (RESET_CODES.has(code)) {
      return 'connection_reset';
    }
  }
  return 'network';
}

/** One line an operator can act on, with the codes of the whole cause chain. */
export function describeError(error: unknown): string {
  const chain = causeChain(error);
  const messages = [...new Set(chain.map((link) => link.message).filter((message) => message !== ''))];
  const codes = [...new Set(chain.map((link) => link.code).filter((code) => code !== ''))];
  const text = messages.join(': ') || 'unknown error';
  return codes.length > 0 ? `${text} (${codes.join(', ')})` : text;
}

interface ErrorLink {
  code: string;
  name: string;
  message: string;
}

function causeChain(error: unknown): ErrorLink[] {
  const links: ErrorLink[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && links.length < 8) {
    if (typeof current !== 'object') {
      links.push({
        code: '',
        name: '',
        message: typeof current === 'string' ? current : `thrown ${typeof current}`,
      });
      break;
    }
    const { code, name, message, cause } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    links.push({
      code: typeof code === 'string' ? code : '',
      name: typeof name === 'string' ? name : '',
      message: typeof message === 'string' ? message : '',
    });
    current = cause;
  }
  return links;
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}
