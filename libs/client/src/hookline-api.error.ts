/** What went wrong, in terms a caller can branch on; `status` has the exact HTTP code. */
export type ApiErrorKind =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'server_error'
  | 'network';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  method: string;
  url: string;
  status?: number | null;
  details?: string[];
  retryAfterSeconds?: number | null;
  cause?: unknown;
}

/** A refused or failed call; `message` is the service's own sentence naming what was wrong. */
export class HooklineApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly details: string[];
  readonly method: string;
  readonly url: string;
  readonly retryAfterSeconds: number | null;

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = 'HooklineApiError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.details = init.details ?? [];
    this.method = init.method;
    this.url = init.url;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** Worth trying again later as it is: the platform was busy or unreachable, the request was fine. */
  get retryable(): boolean {
    return ['rate_limited', 'unavailable', 'network'].includes(this.kind);
  }
}

export function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) {
    return 'invalid_request';
  }
  if (status === 401) {
    return 'unauthorized';
  }
  if (status === 403) {
    return 'forbidden';
  }
  if (status === 404) {
    return 'not_found';
  }
  if (status === 409) {
    return 'conflict';
  }
  if (status === 413) {
    return 'payload_too_large';
  }
  if (status === 429) {
    return 'rate_limited';
  }
  if (status === 502 || status === 503 || status === 504) {
    return 'unavailable';
  }
  return status >= 500 ? 'server_error' : 'invalid_request';
}
