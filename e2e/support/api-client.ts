export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** Minimal JSON-over-HTTP client for talking to the services as a customer would. */
export async function call<T = Record<string, unknown>>(
  method: string,
  url: string,
  options: { token?: string | null; body?: unknown; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.body !== undefined || options.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, {
    method,
    headers,
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
