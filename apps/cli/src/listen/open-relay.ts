import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { RELAY_PATH, parseRelayServerFrame, type RelayReadyFrame } from '@hookline/contracts';
import { CliError } from '../output/cli-error';
import { frameText } from './frame-text';

export interface OpenRelay {
  socket: WebSocket;
  ready: RelayReadyFrame;
}

/**
 * Opens the relay connection and waits for its temporary webhook. A refusal (bad key, unknown event type,
 * relay off) comes back as the API's JSON error before the upgrade, and is reported as such.
 */
export function openRelay(subscriptionUrl: string, apiKey: string, events: string[]): Promise<OpenRelay> {
  const url = new URL(`${subscriptionUrl.replace(/\/+$/, '')}${RELAY_PATH}`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('events', events.join(','));
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${apiKey}` } });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response: IncomingMessage) => {
      readBody(response).then(
        (body) => reject(refusal(response.statusCode ?? 0, body)),
        (error: unknown) =>
          reject(new CliError(`the relay refused the connection (${response.statusCode}): ${String(error)}`)),
      );
    });
    socket.once('error', (error) =>
      reject(new CliError(`cannot reach the relay at ${url.origin}: ${error.message}`)),
    );
    socket.once('close', (code, reason) =>
      reject(new CliError(`the relay closed the connection (${code}) ${reason.toString()}`)),
    );
    socket.once('message', (data) => {
      const parsed = parseRelayServerFrame(frameText(data));
      if (parsed.ok && parsed.frame.type === 'ready') {
        resolve({ socket, ready: parsed.frame });
      } else {
        reject(
          new CliError(
            `the relay sent an unexpected first frame: ${parsed.ok ? parsed.frame.type : parsed.errors.join('; ')}`,
          ),
        );
      }
    });
  });
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

function refusal(status: number, body: string): CliError {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; details?: unknown };
    const details = Array.isArray(parsed.details) ? parsed.details.map(String) : [];
    if (typeof parsed.message === 'string') {
      return new CliError(`the relay refused (${status}): ${parsed.message}`, 1, details);
    }
  } catch {
    // not the API's JSON body: report the text
  }
  return new CliError(`the relay refused (${status}): ${body.slice(0, 500)}`);
}
