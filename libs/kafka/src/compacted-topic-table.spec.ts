import type { Kafka } from 'kafkajs';
import type { Validated } from '@hookline/contracts';
import { CompactedTopicTable, holdByKey } from './compacted-topic-table';

class NameTable extends CompactedTopicTable<string> {
  readonly held = new Map<string, string>();
  readonly rejections: string[] = [];

  constructor() {
    // Never started: only the record handling is under test.
    super({ consumer: jest.fn(), admin: jest.fn() } as unknown as Kafka, {
      topic: 'names',
      groupPrefix: 'spec',
    });
  }

  protected validate(key: string, decoded: unknown): Validated<string> {
    return typeof decoded === 'string'
      ? { ok: true, value: decoded }
      : { ok: false, reason: `${key} is no string` };
  }

  protected hold(key: string, value: string | null): void {
    holdByKey(this.held, key, value);
  }

  protected rejected(key: string, reason: string): void {
    this.rejections.push(`${key}: ${reason}, held ${this.held.has(key)}`);
  }
}

describe(CompactedTopicTable.name, () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('holds the valid value of each key until a tombstone clears it', () => {
    const table = new NameTable();
    table.applyRecord('a', json('first'));
    table.applyRecord('a', json('second'));
    table.applyRecord('b', json('other'));
    table.applyRecord('b', null);

    expect([...table.held]).toEqual([['a', 'second']]);
    expect(table.rejections).toEqual([]);
  });

  it('clears a key whose value does not read before telling why', () => {
    const table = new NameTable();
    table.applyRecord('a', json('first'));
    table.applyRecord('a', json(42));
    table.applyRecord('b', json('other'));
    table.applyRecord('b', Buffer.from('{not json'));

    expect(table.held.size).toBe(0);
    expect(table.rejections).toEqual([
      'a: a is no string, held false',
      expect.stringMatching(/^b: value is not valid JSON: .*, held false$/),
    ]);
  });

  it('is not ready before the topic was read up to its end', async () => {
    const table = new NameTable();
    expect(table.caughtUp).toBe(false);
    await expect(table.check()).rejects.toThrow('still reading names from the beginning');
  });
});
