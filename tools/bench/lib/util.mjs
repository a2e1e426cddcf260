// Small helpers shared by the harness, the receiver and the raw pipeline (no dependencies).
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wall-clock milliseconds with sub-millisecond resolution; comparable across processes of one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id (`prefix_` + 26 Crockford base32 characters), like the services' own ids. */
export function newId(prefix) {
  let time = Date.now();
  let head = '';
  for (let index = 0; index < 10; index += 1) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (let index = 0; index < 16; index += 1) {
    tail += CROCKFORD[bytes[index] % 32];
  }
  return `${prefix}_${head}${tail}`;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a truthy value; returns null when `timeoutMs` passes first. */
export async function waitFor(probe, { timeoutMs, intervalMs = 200 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() >= deadline) {
      return null;
    }
    await sleep(intervalMs);
  }
}

/** Bounded-concurrency semaphore, FIFO. */
export class Semaphore {
  #active = 0;
  #waiters = [];

  constructor(limit) {
    this.limit = limit;
  }

  async use(work) {
    if (this.#active < this.limit) {
      this.#active += 1;
    } else {
      await new Promise((resolve) => this.#waiters.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.#waiters.shift();
      if (next) {
        next();
      } else {
        this.#active -= 1;
      }
    }
  }
}

export const round = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));
