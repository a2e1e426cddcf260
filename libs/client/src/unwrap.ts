import { HooklineApiError, kindOfStatus } from './hookline-api.error';

/** What every openapi-fetch call resolves to. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

interface ErrorBody {
  message?: unknown;
  details?: unknown;
}

/**
 * The data of a successful call, or a `HooklineApiError` carrying the service's message and details.
 * A call that never got an answer (refused connection, DNS) becomes a `network` error.
 */
export async function unwrap<T>(
  call: Promise<FetchResult<T>>,
  what?: { method: string; url: string },
): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new HooklineApiError({
      kind: 'network',
      message: `no answer${what ? ` from ${what.method} ${what.url}` : ''}: ${describe(cause)}`,
      method: what?.method ?? 'unknown',
      url: what?.url ?? 'unknown',
      cause,
    });
  }
  const { response } = result;
  if (response.ok) {
    return result.data as T;
  }
  const body = (typeof result.error === 'object' && result.error !== null ? result.error : {}) as ErrorBody;
  const details = Array.isArray(body.details) ? body.details.map(String) : [];
  const text = typeof result.error === 'string' && result.error !== '' ? result.error : null;
  const message =
    typeof body.message === 'string' ? body.message : (text ?? `${response.status} ${response.statusText}`);
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new HooklineApiError({
    kind: kindOfStatus(response.status),
    status: response.status,
    message,
    details,
    method: what?.method ?? 'unknown',
    url: response.url,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  });
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) {
    return String(cause);
  }
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  return `${cause.message}${inner}`;
}
