/** The API's error body `{statusCode, error, message, details?}` as an Error the screens can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** One entry per problem; validation problems start with the field's path. */
    readonly details: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 0 is a request that got no answer at all. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Problems by top-level field (`auth.username must…` → `auth`); the rest under `''`. */
  fieldErrors(fields: readonly string[]): Record<string, string[]> {
    const byField: Record<string, string[]> = {};
    for (const problem of this.details.length > 0 ? this.details : [this.message]) {
      const head = /^([A-Za-z]+)/.exec(problem)?.[1] ?? '';
      const field = fields.includes(head) ? head : '';
      (byField[field] ??= []).push(problem);
    }
    return byField;
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall back to the status line
  }
  const shaped = body as { message?: unknown; details?: unknown } | null;
  const message =
    typeof shaped?.message === 'string' ? shaped.message : `${response.status} ${response.statusText}`;
  const details = Array.isArray(shaped?.details) ? shaped.details.map(String) : [];
  return new ApiError(response.status, message, details);
}
