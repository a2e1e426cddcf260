// Helper processes of the bench (receiver, raw pipeline): forked children driven by request/response over IPC.
// A child exits as soon as its parent goes away, so a killed bench leaves nothing running.
import { fork } from 'node:child_process';
import fs from 'node:fs';

export class ChildWorker {
  #child;
  #pending = new Map();
  #nextId = 1;
  #exited = null;

  constructor(name, script, { logFile, env = {} }) {
    this.name = name;
    const out = fs.openSync(logFile, 'a');
    this.#child = fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', out, out, 'ipc'],
      serialization: 'advanced',
    });
    fs.closeSync(out);
    this.#exited = new Promise((resolve) =>
      this.#child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.#child.on('message', (message) => {
      const pending = this.#pending.get(message.id);
      if (!pending) {
        return;
      }
      this.#pending.delete(message.id);
      if (message.ok) {
        pending.resolve(message.result);
      } else {
        pending.reject(new Error(`${this.name}: ${message.error}`));
      }
    });
    this.#child.once('exit', (code, signal) => {
      for (const pending of this.#pending.values()) {
        pending.reject(new Error(`${this.name} exited (${code ?? signal}); see ${logFile}`));
      }
      this.#pending.clear();
    });
  }

  get pid() {
    return this.#child.pid;
  }

  get running() {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  call(command, args = {}) {
    if (!this.running) {
      return Promise.reject(new Error(`${this.name} is not running`));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, command, args });
    });
  }

  async stop(timeoutMs = 5_000) {
    if (!this.running) {
      return;
    }
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }
}

/** Child side: answers `{id, command, args}` with `handlers[command](args)`. */
export function serveCommands(handlers) {
  process.on('message', async ({ id, command, args }) => {
    try {
      const handler = handlers[command];
      if (!handler) {
        throw new Error(`unknown command ${command}`);
      }
      const result = await handler(args);
      process.send({ id, ok: true, result });
    } catch (error) {
      process.send({ id, ok: false, error: error?.stack ?? String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
