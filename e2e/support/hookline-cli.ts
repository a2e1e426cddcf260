import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'apps/cli/bin/hookline.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The `hookline` command as a user runs it: its own process, its own config directory, no colour. */
export class HooklineCli {
  constructor(private readonly configDir: string) {}

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, HOOKLINE_CONFIG_DIR: this.configDir, NO_COLOR: '1', FORCE_COLOR: '0' };
  }

  run(args: string[], input?: string): Promise<CliRun> {
    const child = this.spawn(args);
    if (input !== undefined) {
      child.stdin?.end(input);
    } else {
      child.stdin?.end();
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) =>
        resolve({
          code,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        }),
      );
    });
  }

  /** `run` that must succeed; with `--json` first, its stdout parsed. */
  async json<T>(args: string[]): Promise<T> {
    const result = await this.run(['--json', ...args]);
    if (result.code !== 0) {
      throw new Error(`hookline ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as T;
  }

  spawn(args: string[]): ChildProcess {
    return spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: this.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }
}

/** Collects a long-running command's stdout as JSON lines (`--json listen`). */
export class JsonLines<T> {
  readonly lines: T[] = [];
  stderr = '';
  private buffer = '';

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      const complete = this.buffer.split('\n');
      this.buffer = complete.pop() ?? '';
      for (const line of complete) {
        if (line.trim() !== '') {
          this.lines.push(JSON.parse(line) as T);
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
  }

  exited(): Promise<number | null> {
    if (this.child.exitCode !== null) {
      return Promise.resolve(this.child.exitCode);
    }
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }
}
