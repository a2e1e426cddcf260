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

const KIND_OF_STATUS: ReadonlyMap<number, ApiErrorKind> = new Map([
  [400, 'invalid_request'],
  [422, 'invalid_request'],
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [409, 'conflict'],
  [413, 'payload_too_large'],
  [429, 'rate_limited'],
  [502, 'unavailable'],
  [503, 'unavailable'],
  [504, 'unavailable'],
]);

export function kindOfStatus(status: number): ApiErrorKind {
  return KIND_OF_STATUS.get(status) ?? (status >= 500 ? 'server_error' : 'invalid_request');
}
