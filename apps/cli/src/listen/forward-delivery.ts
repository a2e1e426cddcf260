import { RELAY_HOP_HEADERS, type RelayDeliveryFrame, type RelayResponseFrame } from '@hookline/contracts';

// What the attempt log keeps of a response body; the relay need not carry more.
const RESPONSE_BODY_LIMIT = 64 * 1024;

export interface ForwardResult {
  frame: RelayResponseFrame;
  durationMs: number;
}

/** POSTs a relayed delivery to the local endpoint with its original headers and body; its answer, or why none came. */
export async function forwardDelivery(
  delivery: RelayDeliveryFrame,
  forwardTo: string,
  timeoutMs: number,
): Promise<ForwardResult> {
  const started = Date.now();
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).filter(([name]) => !RELAY_HOP_HEADERS.has(name.toLowerCase())),
  );
  try {
    const response = await fetch(forwardTo, {
      method: 'POST',
      headers,
      body: Buffer.from(delivery.body, 'base64'),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await response.arrayBuffer()).subarray(0, RESPONSE_BODY_LIMIT);
    const contentType = response.headers.get('content-type');
    return {
      durationMs: Date.now() - started,
      frame: {
        type: 'response',
        requestId: delivery.requestId,
        status: response.status,
        headers: contentType === null ? {} : { 'content-type': contentType },
        body: body.toString('base64'),
        error: null,
      },
    };
  } catch (error) {
    return {
      durationMs: Date.now() - started,
      frame: {
        type: 'response',
        requestId: delivery.requestId,
        status: null,
        headers: {},
        body: '',
        error: describe(error, forwardTo),
      },
    };
  }
}

function describe(error: unknown, url: string): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `${url} did not answer in time`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return `${url}: ${cause ?? (error instanceof Error ? error.message : String(error))}`;
}
