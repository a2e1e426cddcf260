import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A failure with a message meant for humans; printed without a stack trace. */
export class InfraError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'InfraError';
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `check` until it returns a truthy value or the deadline passes.
 * Errors thrown by `check` count as "not ready yet", except InfraError,
 * which aborts immediately (e.g. the server process died).
 */
export async function pollUntil(check, { timeoutMs, intervalMs = 250, describeTimeout }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const result = await check();
      if (result) {
        return result;
      }
    } catch (error) {
      if (error instanceof InfraError) {
        throw error;
      }
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new InfraError(await describeTimeout(lastError));
    }
    await sleep(intervalMs);
  }
}

/** Runs a command to completion, capturing output. Never rejects for a non-zero exit. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      if (error.code === 'ENOENT') {
        const where = path.isAbsolute(command) ? '' : ' on PATH';
        reject(new InfraError(`\`${command}\` was not found${where}`));
      } else {
        reject(error);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function isAlive(pid) {
  if (!pid) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const HAS_PROC = fs.existsSync('/proc/self/cmdline');

/** Alive and not a zombie (a zombie has an empty /proc cmdline). */
export function isRunning(pid) {
  return isAlive(pid) && (!HAS_PROC || commandLine(pid) !== null);
}

/** Full command line of a live (non-zombie) process, or null. Linux /proc only. */
export function commandLine(pid) {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw ? raw.split('\0').join(' ').trim() : null;
  } catch {
    return null;
  }
}

/**
 * Running, and (where its command line can be read) a command line that includes `name`: a pid file can
 * name a recycled pid after a reboot or crash.
 */
export function isRunningAs(pid, name) {
  return isRunning(pid) && (commandLine(pid) ?? name).includes(name);
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isPortInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function readPid(file) {
  try {
    const pid = Number.parseInt(await fsp.readFile(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if (error.code === 'ENOENT') {
      return null;
    }
    throw error;
  }
}

export async function tail(file, lines = 30) {
  try {
    const content = await fsp.readFile(file, 'utf8');
    return content.trimEnd().split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(could not read ${file}: ${error.code ?? error.message})`;
  }
}

export async function describeLogTail(file, lines = 30) {
  return `Last ${lines} lines of ${file}:\n${await tail(file, lines)}`;
}

export async function fileExists(file) {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

async function isOlderThan(file, ms) {
  try {
    return Date.now() - (await fsp.stat(file)).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * Serialises `up`/`down` across processes (CLI, test global setup, dev start)
 * so two of them never race to format storage or start a second broker.
 */
export async function withLock(lockFile, { timeoutMs, onWait = () => {} }, fn) {
  await fsp.mkdir(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      await fsp.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') {
        throw error;
      }
      const holder = await readPid(lockFile);
      if (holder ? !isAlive(holder) : await isOlderThan(lockFile, 5000)) {
        await fsp.rm(lockFile, { force: true });
        continue;
      }
      if (!announced) {
        onWait(holder);
        announced = true;
      }
      if (Date.now() >= deadline) {
        throw new InfraError(
          `Another infra command (pid ${holder ?? 'unknown'}) still holds ${lockFile}; wait for it or delete the file if that process is stuck.`,
        );
      }
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(lockFile, { force: true });
  }
}
