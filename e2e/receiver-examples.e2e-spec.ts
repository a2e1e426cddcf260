import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { findEventType } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { freePort } from './support/free-port';
import { createOrganization, startPlatform, type Platform } from './support/platform';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const run = promisify(execFile);
const buildDir = mkdtempSync(path.join(os.tmpdir(), 'hookline-examples-'));

interface Example {
  name: string;
  /** Compiles the example if it needs it; returns the command that runs it. */
  prepare(): Promise<{ command: string; args: string[]; cwd: string }>;
}

// CI installs Python's and Go's libraries (.ci/run); a missing toolchain fails the test, it is not skipped.
const EXAMPLE_RECEIVERS: Example[] = [
  {
    name: 'node-express',
    prepare: async () => ({
      command: process.execPath,
      args: ['server.mjs'],
      cwd: path.join(EXAMPLES, 'node-express'),
    }),
  },
  {
    name: 'node-fastify',
    prepare: async () => ({
      command: process.execPath,
      args: ['server.mjs'],
      cwd: path.join(EXAMPLES, 'node-fastify'),
    }),
  },
  {
    name: 'python',
    prepare: async () => ({
      command: process.env.HOOKLINE_PYTHON ?? 'python3',
      args: ['receiver.py'],
      cwd: path.join(EXAMPLES, 'python'),
    }),
  },
  {
    name: 'go',
    prepare: async () => {
      const binary = path.join(buildDir, 'go-receiver');
      await run('go', ['build', '-o', binary, '.'], { cwd: path.join(EXAMPLES, 'go'), timeout: 300_000 });
      return { command: binary, args: [], cwd: path.join(EXAMPLES, 'go') };
    },
  },
];

interface ReportLine {
  listening?: string;
  handled?: string;
  duplicate?: string;
  refused?: string;
  type?: string;
}

/** An example receiver as its own process; it reports what it did as JSON lines on stdout. */
class RunningExample {
  readonly lines: ReportLine[] = [];
  output = '';

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        if (line.startsWith('{')) {
          this.lines.push(JSON.parse(line) as ReportLine);
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    });
  }

  static async start(example: Example, env: Record<string, string>): Promise<RunningExample> {
    const { command, args, cwd } = await example.prepare();
    const running = new RunningExample(
      spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    await eventually(() => {
      expect({ exited: running.child.exitCode, stderr: running.output }).toEqual({
        exited: null,
        stderr: expect.any(String),
      });
      expect(running.lines.some((line) => line.listening !== undefined)).toBe(true);
    });
    return running;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

describe('the receiver examples against real deliveries', () => {
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    platform = await startPlatform();
    key = (await createOrganization(platform, 'Example Exteriors')).apiKey.key;
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it.each(EXAMPLE_RECEIVERS)(
    '$name verifies a real delivery once, ignores its redelivery and refuses forged ones',
    async (example) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/hooks`;
      const created = await call<{ id: string; signingSecret: string }>(
        'POST',
        `${platform.subscription.baseUrl}/v1/webhooks`,
        {
          token: key,
          body: { name: example.name, url, events: ['job.created'], active: false },
        },
      );
      expect(created.status).toBe(201);
      const receiver = await RunningExample.start(example, {
        WEBHOOK_SECRET: created.body.signingSecret,
        PORT: String(port),
      });
      try {
        expect(
          (
            await call('PATCH', `${platform.subscription.baseUrl}/v1/webhooks/${created.body.id}`, {
              token: key,
              body: { active: true },
            })
          ).status,
        ).toBe(200);
        // Its activation test has come through: delivery routes by the webhook's state, so events follow.
        await eventually(
          () => expect(receiver.lines).toContainEqual(expect.objectContaining({ type: 'webhook.test' })),
          {
            timeoutMs: 30_000,
          },
        );
        const published = await eventually(async () => {
          const response = await call<{ id: string }>('POST', `${platform.ingest.baseUrl}/v1/events`, {
            token: key,
            body: {
              type: 'job.created',
              subject: `job_${example.name}`,
              data: findEventType('job.created')!.example,
            },
          });
          expect(response.status).toBe(202);
          return response.body.id;
        });
        await eventually(
          () => expect(receiver.lines).toContainEqual({ handled: published, type: 'job.created' }),
          { timeoutMs: 30_000 },
        );

        const delivery = await eventually(
          async () => {
            const page = await call<{ items: { id: string; status: string; lastResponseStatus: number }[] }>(
              'GET',
              `${platform.audit.baseUrl}/v1/webhooks/${created.body.id}/deliveries?eventId=${published}`,
              { token: key },
            );
            expect(page.body.items[0]).toMatchObject({ status: 'succeeded', lastResponseStatus: 204 });
            return page.body.items[0];
          },
          { timeoutMs: 30_000 },
        );

        // A redelivery carries the same webhook-id: the example answers it without handling the event again.
        expect(
          (
            await call('POST', `${platform.audit.baseUrl}/v1/deliveries/${delivery.id}/redeliver`, {
              token: key,
            })
          ).status,
        ).toBe(202);
        await eventually(() => expect(receiver.lines).toContainEqual({ duplicate: published }), {
          timeoutMs: 30_000,
        });
        expect(receiver.lines.filter((line) => line.handled === published)).toHaveLength(1);

        const body = JSON.stringify({
          id: 'evt_forged',
          type: 'job.created',
          timestamp: new Date().toISOString(),
          data: {},
        });
        const wrongSecret = new Webhook(randomBytes(32).toString('base64'));
        const forged = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': 'evt_forged',
            'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
            'webhook-signature': wrongSecret.sign('evt_forged', new Date(), body),
          },
          body,
        });
        expect(forged.status).toBe(401);
        await eventually(() =>
          expect(receiver.lines).toContainEqual(expect.objectContaining({ refused: 'evt_forged' })),
        );
        expect(receiver.lines.some((line) => line.handled === 'evt_forged')).toBe(false);
      } finally {
        await receiver.stop();
      }
    },
  );
});
