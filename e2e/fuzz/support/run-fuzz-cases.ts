import type { Credential, FuzzCase, PathChoice } from './fuzz-case';

/** What the fuzzer needs to know about one running service. */
export interface FuzzTarget {
  baseUrl: string;
  tokens: Record<Exclude<Credential, 'none'>, string>;
  /** Values of a path parameter: the caller's own ids, or another tenant's. */
  ids(parameter: string, kind: 'own' | 'foreign', route: string): readonly string[];
  /** The credential a case really uses, e.g. the admin token for the admin's own routes. */
  credentialFor?(fuzzCase: FuzzCase): Credential;
  /** Sees every answer, e.g. to learn the ids of created resources. */
  learn?(fuzzCase: FuzzCase, status: number, body: unknown): void;
  /** A fingerprint of everything the service writes; it must not change across a refused request. */
  writeFingerprint?(): Promise<string>;
}

export interface FuzzReport {
  cases: number;
  byStatus: Record<string, number>;
  /** One line per distinct problem (operation, kind, status), with the first request that showed it. */
  failures: string[];
  seconds: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const TENANT_IDS = new Set(['id', 'keyId']);

function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate has no UTF-8 form; send the bytes it would have had.
    return '%ED%A0%80';
  }
}

function resolvePath(target: FuzzTarget, route: string, name: string, choice: PathChoice): string {
  if (choice.kind === 'text') {
    return choice.text;
  }
  const pool = target.ids(name, choice.kind, route);
  return pool.length === 0 ? `missing_${choice.kind}` : pool[choice.index % pool.length];
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(name, typeof item === 'string' ? item : (JSON.stringify(item) ?? 'null'));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function requestOf(target: FuzzTarget, fuzzCase: FuzzCase): { url: string; init: RequestInit } {
  const { operation } = fuzzCase;
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeSegment(resolvePath(target, operation.path, name, fuzzCase.path[name])),
  );
  const credential = target.credentialFor?.(fuzzCase) ?? fuzzCase.credential;
  const headers: Record<string, string> = {};
  if (credential !== 'none') {
    headers.authorization = `Bearer ${target.tokens[credential]}`;
  }
  let body: string | undefined;
  if (fuzzCase.body !== null) {
    headers['content-type'] = 'application/json';
    body = fuzzCase.body.kind === 'raw' ? fuzzCase.body.text : JSON.stringify(fuzzCase.body.value);
  }
  return {
    url: `${target.baseUrl}${path}${queryString(fuzzCase.query)}`,
    init: { method: operation.method, headers, body },
  };
}

function shown(text: string | undefined, max = 300): string {
  if (text === undefined) {
    return '';
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

async function send(url: string, init: RequestInit): Promise<{ status: number; text: string }> {
  const attempt = async () => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { status: response.status, text: await response.text() };
  };
  try {
    return await attempt();
  } catch (error) {
    // A keep-alive connection the server closed as it was reused is the client's race, not an answer;
    // once more on a fresh one. A timeout or a second failure is reported.
    if ((error as Error).name === 'TimeoutError') {
      throw error;
    }
    return attempt();
  }
}

/**
 * Sends the cases, `concurrency` at a time, and checks the tier's rule on each: no 5xx, no answer
 * slower than 10 s, nothing written on a 4xx, and no 2xx for another tenant's key on the caller's
 * resources. A case that may write runs alone, so the fingerprint around it is its own.
 */
export async function runFuzzCases(
  target: FuzzTarget,
  cases: readonly FuzzCase[],
  concurrency = 6,
): Promise<FuzzReport> {
  const started = Date.now();
  const byStatus: Record<string, number> = {};
  const failures = new Map<string, string>();
  const fail = (fuzzCase: FuzzCase, kind: string, detail: string) => {
    const key = `${fuzzCase.operation.method} ${fuzzCase.operation.path}: ${kind}`;
    if (!failures.has(key)) {
      failures.set(key, `${key} — ${detail}`);
    }
  };

  const run = async (fuzzCase: FuzzCase, checkWrites: boolean): Promise<void> => {
    const { url, init } = requestOf(target, fuzzCase);
    const before = checkWrites ? await target.writeFingerprint?.() : undefined;
    let answer: { status: number; text: string };
    try {
      answer = await send(url, init);
    } catch (error) {
      byStatus.none = (byStatus.none ?? 0) + 1;
      const cause = (error as Error & { cause?: Error }).cause?.message ?? '';
      fail(
        fuzzCase,
        'no answer',
        `${(error as Error).message} ${cause}: ${init.method} ${shown(url)} ${shown(init.body as string)}`,
      );
      return;
    }
    const { status, text } = answer;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const request = `${init.method} ${shown(url)} ${shown(init.body as string | undefined)} → ${status} ${shown(text)}`;
    if (status >= 500) {
      fail(fuzzCase, `answered ${status}`, request);
    }
    const after = checkWrites && status >= 400 ? await target.writeFingerprint?.() : before;
    if (after !== before) {
      fail(fuzzCase, `wrote on a ${status}`, `${request}; before ${shown(before)} after ${shown(after)}`);
    }
    const ownId = Object.entries(fuzzCase.path).some(
      ([name, choice]) => TENANT_IDS.has(name) && choice.kind === 'own',
    );
    if (fuzzCase.credential === 'other' && ownId && status < 300) {
      fail(fuzzCase, "another tenant's key got a 2xx", request);
    }
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = text;
    }
    target.learn?.(fuzzCase, status, body);
  };

  const inFlight = new Set<Promise<void>>();
  for (const fuzzCase of cases) {
    const mayWrite = fuzzCase.operation.method !== 'GET' && target.writeFingerprint !== undefined;
    if (mayWrite) {
      await Promise.all(inFlight);
      await run(fuzzCase, true);
      continue;
    }
    if (inFlight.size >= concurrency) {
      await Promise.race(inFlight);
    }
    const running = run(fuzzCase, false).finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  return {
    cases: cases.length,
    byStatus,
    failures: [...failures.values()],
    seconds: (Date.now() - started) / 1000,
  };
}
