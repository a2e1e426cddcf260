import type { TopicBatch } from '@hookline/kafka';
import { assertNever } from '@hookline/platform';
import { BoundedCache } from '../attempts/bounded-cache';
import type { RetryTask } from '../pipeline/retry-task';

/** What came of running the first task of a subject. */
export type LaneStep =
  /** Done for good (succeeded, failed, expired, cancelled, dropped); `outputs` record it. */
  | { kind: 'finished'; outputs: TopicBatch[] }
  /** Attempted and failed with retries left: the same delivery comes back as `task`. */
  | { kind: 'retry'; outputs: TopicBatch[]; task: RetryTask }
  /** Not attempted (breaker open, webhook busy): try again at `dueAtMs`, same attempt. */
  | { kind: 'deferred'; dueAtMs: number };

export interface OrderedLaneDeps {
  run(task: RetryTask): Promise<LaneStep>;
  /** Writes in call order; `copies` go to the lane itself (same partition: key = webhook id). */
  publish(outputs: TopicBatch[], copies: RetryTask[]): Promise<void>;
  log: { error(message: string): void };
}

interface Settle {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Entry {
  task: RetryTask;
  key: string;
  /** Messages on the lane that hold this entry; each finishes when it does or when a newer copy is written. */
  messages: Settle[];
  /** Offset of its newest message read so far. */
  offset: bigint;
  /** Copies written and not read back yet. */
  copiesInFlight: number;
  timer: NodeJS.Timeout | null;
}

const FINISHED_MEMORY = 10_000;
const STUCK_RETRY_MS = 1_000;
const LANE_CLOSED = 'ordered lane closed: its partition is read again from the last commit';

/**
 * Ordered delivery for one partition of `hookline.deliveries.v1`. Deliveries of one (webhook, subject)
 * run strictly one after another, in lane order; a failing one holds the later ones until it succeeds
 * or gives up, while other subjects go on. Nothing but Kafka is durable, so:
 *
 * - a waiting delivery keeps its lane message unfinished (uncommitted); a restart re-reads it;
 * - when the first delivery of a subject is rescheduled, it and every delivery behind it are written
 *   again at the lane's end (in order), and their old messages finish, so the commit can move on and
 *   the retry keeps its attempt number across restarts;
 * - the invariant "a subject's messages on the lane are in delivery order" is restored whenever a
 *   newer copy overtakes a later delivery read in between (it is written again behind the copy).
 *
 * A restart therefore re-reads the subject in order: duplicates possible (same `webhook-id`), never
 * a later event before an earlier one.
 */
export class OrderedLane {
  private readonly queues = new Map<string, Entry[]>();
  private readonly entries = new Map<string, Entry>();
  private readonly finished = new BoundedCache<string, true>(FINISHED_MEMORY);
  private closed = false;

  constructor(private readonly deps: OrderedLaneDeps) {}

  /** Deliveries held: running, waiting to be due, or behind an earlier one of their subject. */
  get waiting(): number {
    return this.entries.size;
  }

  /** Takes one lane message; resolves when its delivery no longer needs it. */
  accept(task: RetryTask, offset: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A closed lane's partition is being re-read from its last commit: this message will come again.
      if (this.closed) {
        reject(new Error(LANE_CLOSED));
        return;
      }
      if (this.finished.get(task.deliveryId)) {
        resolve();
        return;
      }
      const settle = { resolve, reject };
      const existing = this.entries.get(task.deliveryId);
      if (existing) {
        this.acceptCopy(existing, settle, BigInt(offset));
        return;
      }
      const key = orderKeyOf(task);
      const entry: Entry = {
        task,
        key,
        messages: [settle],
        offset: BigInt(offset),
        copiesInFlight: 0,
        timer: null,
      };
      this.entries.set(task.deliveryId, entry);
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(entry);
      } else {
        this.queues.set(key, [entry]);
        this.schedule(entry);
      }
    });
  }

  /** The partition was revoked or is re-read: drop everything; unfinished messages stay uncommitted. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) {
      if (entry.timer) {
        clearTimeout(entry.timer);
      }
      // The consumer already forgot these messages; settling them only frees memory.
      for (const message of entry.messages) {
        message.reject(new Error(LANE_CLOSED));
      }
    }
    this.entries.clear();
    this.queues.clear();
  }

  private acceptCopy(entry: Entry, settle: Settle, offset: bigint): void {
    entry.messages.push(settle);
    entry.copiesInFlight = Math.max(0, entry.copiesInFlight - 1);
    if (offset <= entry.offset) {
      return;
    }
    entry.offset = offset;
    const queue = this.queues.get(entry.key) ?? [];
    const behind = queue.slice(queue.indexOf(entry) + 1);
    const firstOvertaken = behind.findIndex((later) => later.copiesInFlight === 0 && later.offset < offset);
    if (firstOvertaken >= 0) {
      void this.rewrite([], behind.slice(firstOvertaken));
    }
  }

  private schedule(entry: Entry): void {
    if (entry.timer) {
      clearTimeout(entry.timer);
    }
    const delayMs = Math.max(0, Date.parse(entry.task.dueAt) - Date.now());
    entry.timer = setTimeout(() => void this.runHead(entry), delayMs);
  }

  private async runHead(entry: Entry): Promise<void> {
    entry.timer = null;
    if (this.closed) {
      return;
    }
    let step: LaneStep;
    try {
      step = await this.deps.run(entry.task);
    } catch (error) {
      this.failed(entry, error);
      return;
    }
    if (this.closed) {
      return;
    }
    switch (step.kind) {
      case 'finished':
        try {
          await this.deps.publish(step.outputs, []);
        } catch (error) {
          this.failed(entry, error);
          return;
        }
        this.complete(entry);
        return;
      case 'retry': {
        entry.task = step.task;
        const queue = this.queues.get(entry.key) ?? [entry];
        if (await this.rewrite(step.outputs, queue.slice(queue.indexOf(entry)), entry)) {
          this.schedule(entry);
        }
        return;
      }
      case 'deferred':
        entry.task = { ...entry.task, dueAt: new Date(step.dueAtMs).toISOString() };
        this.schedule(entry);
        return;
      default:
        assertNever(step, 'lane step');
    }
  }

  /**
   * Writes `outputs` and fresh copies of `entries` (in order) at the lane's end; once acknowledged,
   * their older messages are finished. False if the write failed (the partition will be re-read).
   */
  private async rewrite(outputs: TopicBatch[], entries: Entry[], head?: Entry): Promise<boolean> {
    const superseded = entries.map((entry) => {
      entry.copiesInFlight += 1;
      const messages = entry.messages;
      entry.messages = [];
      return messages;
    });
    try {
      await this.deps.publish(
        outputs,
        entries.map((entry) => entry.task),
      );
    } catch (error) {
      entries.forEach((entry, index) => {
        entry.copiesInFlight -= 1;
        entry.messages.unshift(...superseded[index]);
      });
      this.failed(head ?? entries[0], error);
      return false;
    }
    for (const messages of superseded) {
      for (const message of messages) {
        message.resolve();
      }
    }
    return !this.closed;
  }

  private complete(entry: Entry): void {
    for (const message of entry.messages) {
      message.resolve();
    }
    this.entries.delete(entry.task.deliveryId);
    this.finished.set(entry.task.deliveryId, true);
    const queue = this.queues.get(entry.key) ?? [];
    queue.shift();
    const next = queue[0];
    if (next) {
      this.schedule(next);
    } else {
      this.queues.delete(entry.key);
    }
  }

  /** Fails the entry's messages so the consumer re-reads the partition; with none to fail, tries again later. */
  private failed(entry: Entry | undefined, error: unknown): void {
    if (!entry || this.closed) {
      return;
    }
    const reason = error instanceof Error ? error : new Error(String(error));
    this.deps.log.error(
      `Ordered delivery ${entry.task.deliveryId} failed to record its outcome: ${reason.message}`,
    );
    if (entry.messages.length === 0) {
      if (this.queues.get(entry.key)?.[0] === entry) {
        entry.timer = setTimeout(() => void this.runHead(entry), STUCK_RETRY_MS);
      }
      return;
    }
    const messages = entry.messages;
    entry.messages = [];
    for (const message of messages) {
      message.reject(reason);
    }
  }
}

/** Deliveries of one webhook and subject keep their order. */
export function orderKeyOf(task: Pick<RetryTask, 'webhookId' | 'event'>): string {
  return `${task.webhookId}\u0000${task.event.subject}`;
}
