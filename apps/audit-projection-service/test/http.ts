export interface JsonResponse<T> {
  status: number;
  body: T;
}

const authorization = (apiKey: string | null): Record<string, string> =>
  apiKey === null ? {} : { authorization: `Bearer ${apiKey}` };

/** GET as an API client does: bearer key in, parsed JSON out. */
export async function getJson<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  apiKey: string | null,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, { headers: authorization(apiKey) });
  return { status: response.status, body: (await response.json()) as T };
}

/** POST with a JSON body (or none). */
export async function postJson<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  apiKey: string | null,
  body?: unknown,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      ...authorization(apiKey),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
