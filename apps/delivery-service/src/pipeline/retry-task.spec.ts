import { jobCreatedEvent } from '../../test/fixtures';
import { consumedMessage } from '../../test/kafka-helpers';
import { parseRetryTask, retryTaskMessage, type RetryTask } from './retry-task';

const asMessage = (value: unknown) => consumedMessage(value, { key: 'wh_1' });

describe('parseRetryTask', () => {
  const task: RetryTask = {
    deliveryId: 'dlv_1',
    webhookId: 'wh_1',
    event: jobCreatedEvent(),
    attempt: 2,
    dueAt: '2026-11-22T10:00:05.000Z',
    reason: 'retry',
    failingSince: '2026-11-22T10:00:00.000Z',
  };

  it('reads back what retryTaskMessage writes', () => {
    const written = retryTaskMessage(task);
    expect(written.key).toBe('wh_1');
    expect(parseRetryTask(asMessage(JSON.parse(JSON.stringify(written.value))))).toEqual({ ok: true, task });
  });

  it('accepts a contract task without failingSince', () => {
    const plain: Record<string, unknown> = { ...task };
    delete plain.failingSince;
    expect(parseRetryTask(asMessage(plain))).toEqual({ ok: true, task: { ...task, failingSince: null } });
  });

  it('names every problem', () => {
    const result = parseRetryTask(
      asMessage({
        ...task,
        attempt: 0,
        dueAt: 'soon',
        reason: 'boredom',
        event: { ...task.event, subject: '' },
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toEqual(
      expect.stringMatching(/attempt must be.*dueAt must be.*reason must be.*event: .*subject/),
    );
    expect(parseRetryTask(asMessage('{nope')).ok).toBe(false);
  });
});
