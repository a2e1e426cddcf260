import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import type { RelayDeliveryFrame, RelayResponseFrame } from '@hookline/contracts';

/** What the relay answers delivery-service with. */
export interface RelayAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Pending {
  resolve(answer: RelayAnswer): void;
  timer: NodeJS.Timeout;
}

/** One `hookline listen` connection: its temporary webhook, its socket and the deliveries awaiting an answer. */
export class RelaySession {
  readonly token = `rly_${randomBytes(24).toString('base64url')}`;
  webhookId: string | null = null;
  socket: WebSocket | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly attachWaiters: Array<() => void> = [];

  constructor(readonly organizationId: string) {}

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  attach(socket: WebSocket): void {
    this.socket = socket;
    for (const wake of this.attachWaiters.splice(0)) {
      wake();
    }
  }

  /**
   * The webhook exists (and is sent its `webhook.test`) a moment before the upgrade completes; a delivery
   * arriving in between waits for the socket rather than being answered 410, which would disable the webhook.
   */
  async whenAttached(timeoutMs: number): Promise<boolean> {
    if (this.socket !== null) {
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    const attached = await Promise.race([
      new Promise<boolean>((resolve) => this.attachWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return attached;
  }

  /** Sends a delivery to the CLI; resolves with its answer, or a 504 once `timeoutMs` has passed. */
  forward(headers: Record<string, string>, body: Buffer, timeoutMs: number): Promise<RelayAnswer> {
    const requestId = randomBytes(12).toString('base64url');
    const frame: RelayDeliveryFrame = { type: 'delivery', requestId, headers, body: body.toString('base64') };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve(textAnswer(504, `hookline listen did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(requestId, { resolve, timer });
      this.socket?.send(JSON.stringify(frame), (error) => {
        if (error) {
          this.settle(requestId, textAnswer(502, `relay connection failed: ${error.message}`));
        }
      });
    });
  }

  /** The CLI's answer to one delivery; an answer to no pending delivery (late, or unknown) is dropped. */
  answer(frame: RelayResponseFrame): void {
    if (frame.status === null) {
      this.settle(
        frame.requestId,
        textAnswer(502, `the local endpoint gave no answer: ${frame.error ?? 'unknown error'}`),
      );
      return;
    }
    const contentType = frame.headers['content-type'];
    this.settle(frame.requestId, {
      status: frame.status,
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body: Buffer.from(frame.body, 'base64'),
    });
  }

  /** Every delivery still waiting is answered 502: the CLI went away. */
  abandon(): void {
    for (const requestId of [...this.pending.keys()]) {
      this.settle(requestId, textAnswer(502, 'hookline listen disconnected before answering'));
    }
  }

  private settle(requestId: string, answer: RelayAnswer): void {
    const pending = this.pending.get(requestId);
    if (pending === undefined) {
      return;
    }
    clearTimeout(pending.timer);
    this.pending.delete(requestId);
    pending.resolve(answer);
  }
}

export function textAnswer(status: number, text: string): RelayAnswer {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(text, 'utf8'),
  };
}
