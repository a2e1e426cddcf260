import { BlockedAddressError } from '@hookline/security';
import { classifyOutcome, describeError, outcomeOfStatus } from './classify-outcome';

const errorWith = (code: string, message = code, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });

describe('classifyOutcome', () => {
  it.each([
    [200, 'success'],
    [204, 'success'],
    [299, 'success'],
    [301, 'http_3xx'],
    [302, 'http_3xx'],
    [304, 'http_3xx'],
    [400, 'http_4xx'],
    [410, 'http_4xx'],
    [429, 'http_4xx'],
    [500, 'http_5xx'],
    [503, 'http_5xx'],
    [599, 'http_5xx'],
    [101, 'network'],
  ])('status %i is %s', (status, outcome) => {
    expect(classifyOutcome({ status })).toBe(outcome);
    expect(outcomeOfStatus(status)).toBe(outcome);
  });

  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'connection_refused'],
    ['ECONNRESET', 'connection_reset'],
    ['EPIPE', 'connection_reset'],
    ['UND_ERR_SOCKET', 'connection_reset'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['ETIMEDOUT', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['EHOSTUNREACH', 'network'],
    ['UND_ERR_INVALID_ARG', 'network'],
  ])('error %s is %s', (code, outcome) => {
    expect(classifyOutcome({ error: errorWith(code) })).toBe(outcome);
  });

  it('reads the egress guard’s refusal as blocked', () => {
    expect(classifyOutcome({ error: new BlockedAddressError('internal.example', '10.0.0.1') })).toBe(
      'blocked',
    );
  });

  it('reads an aborted deadline as a timeout', () => {
    const deadline = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyOutcome({ error: deadline })).toBe('timeout');
  });

  it('looks through wrapped causes, preferring the specific reason over a generic socket error', () => {
    const wrapped = errorWith('UND_ERR_SOCKET', 'other side closed', errorWith('ECONNREFUSED'));
    expect(classifyOutcome({ error: new TypeError('fetch failed', { cause: errorWith('ENOTFOUND') }) })).toBe(
      'dns',
    );
    expect(classifyOutcome({ error: wrapped })).toBe('connection_refused');
  });

  it('falls back to network for anything unknown', () => {
    expect(classifyOutcome({ error: new Error('boom') })).toBe('network');
    expect(classifyOutcome({ error: 'a string' })).toBe('network');
    expect(classifyOutcome({ error: null })).toBe('network');
  });
});

describe('describeError', () => {
  it('joins the messages and codes of the cause chain', () => {
    const error = new TypeError('fetch failed', {
      cause: errorWith('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
    });
    expect(describeError(error)).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)');
  });
});
