import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { parseRelayServerFrame, type RelayDeliveryFrame } from '@hookline/contracts';
import { RelaySession } from './relay-session';

/** Stands in for the socket only; the relay over a real socket is covered by the CLI e2e tests. */
class RecordingSocket extends EventEmitter {
  readonly readyState = WebSocket.OPEN;
  readonly sent: RelayDeliveryFrame[] = [];
  send(text: string, callback: (error?: Error) => void): void {
    const parsed = parseRelayServerFrame(text);
    if (parsed.ok && parsed.frame.type === 'delivery') {
      this.sent.push(parsed.frame);
    }
    callback();
  }
}

describe(RelaySession.name, () => {
  const body = Buffer.from('{"id":"evt_1"}');

  function sessionWithSocket(): { session: RelaySession; socket: RecordingSocket } {
    const session = new RelaySession('org_1');
    const socket = new RecordingSocket();
    session.attach(socket as unknown as WebSocket);
    return { session, socket };
  }

  it('lets a delivery that arrives before the upgrade completes wait for the socket', async () => {
    const session = new RelaySession('org_1');
    const waiting = session.whenAttached(5_000);
    session.attach(new RecordingSocket() as unknown as WebSocket);
    expect(await waiting).toBe(true);
    expect(await new RelaySession('org_2').whenAttached(10)).toBe(false);
  });

  it('sends the exact body and headers, and resolves with the answer for that request', async () => {
    const { session, socket } = sessionWithSocket();
    const answer = session.forward({ 'webhook-id': 'evt_1' }, body, 5_000);
    const [frame] = socket.sent;
    expect(frame.headers).toEqual({ 'webhook-id': 'evt_1' });
    expect(Buffer.from(frame.body, 'base64').equals(body)).toBe(true);
    session.answer({
      type: 'response',
      requestId: frame.requestId,
      status: 202,
      headers: { 'content-type': 'text/plain', 'set-cookie': 'x' },
      body: Buffer.from('local').toString('base64'),
      error: null,
    });
    expect(await answer).toEqual({
      status: 202,
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from('local'),
    });
  });

  it('answers 502 with the reason when the local endpoint gave no answer', async () => {
    const { session, socket } = sessionWithSocket();
    const answer = session.forward({}, body, 5_000);
    session.answer({
      type: 'response',
      requestId: socket.sent[0].requestId,
      status: null,
      headers: {},
      body: '',
      error: 'ECONNREFUSED',
    });
    const { status, body: text } = await answer;
    expect(status).toBe(502);
    expect(text.toString()).toContain('ECONNREFUSED');
  });

  it('answers 504 when the CLI does not answer in time', async () => {
    const { session } = sessionWithSocket();
    const { status } = await session.forward({}, body, 20);
    expect(status).toBe(504);
  });

  it('answers every pending delivery 502 when the connection is abandoned', async () => {
    const { session } = sessionWithSocket();
    const pending = [session.forward({}, body, 5_000), session.forward({}, body, 5_000)];
    session.abandon();
    expect((await Promise.all(pending)).map((answer) => answer.status)).toEqual([502, 502]);
  });
});
