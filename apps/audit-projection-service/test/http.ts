export interface JsonResponse<T> {
  status: number;
  body: T;
}

/** GET as an API client does: bearer key in, parsed JSON out. */
export async function getJson<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  apiKey: string | null,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}
