import { eventually, heldPublisher } from '@hookline/testing';
import { OutputSink, type TopicBatch } from './output-sink';

const message = (key: string) => ({ key, value: { key } });

/** What a request carried, per topic: the keys, with each value decoded back. */
function readRequest(batches: TopicBatch[]): Array<{ topic: string; messages: unknown[] }> {
  return batches.map((batch) => ({
    topic: batch.topic,
    messages: batch.messages.map((item) => ({
      key: item.key,
      value: Buffer.isBuffer(item.value) ? JSON.parse(item.value.toString('utf8')) : item.value,
    })),
  }));
}

const keysOf = (batches: TopicBatch[]) => batches.flatMap((batch) => batch.messages.map((item) => item.key));

describe(OutputSink.name, () => {
  it('sends what concurrent callers publish in one request, in publish order per topic', async () => {
    const requests: TopicBatch[][] = [];
    const sink = new OutputSink({
      sendMany: async (batches: TopicBatch[]) => {
        requests.push(batches);
      },
    });
    await Promise.all([
      sink.publish([
        { topic: 'attempts', messages: [message('a1')] },
        { topic: 'retry', messages: [message('t1')] },
      ]),
      sink.publish([{ topic: 'attempts', messages: [message('a2')] }]),
      sink.publish([{ topic: 'empty', messages: [] }]),
    ]);
    expect(requests.map(readRequest)).toEqual([
      [
        { topic: 'attempts', messages: [message('a1'), message('a2')] },
        { topic: 'retry', messages: [message('t1')] },
      ],
    ]);
  });

  it('sends requests one at a time, bounded in size, and rejects only the callers of a failed request', async () => {
    const requests: Array<Array<string | null>> = [];
    let fail = true;
    const sink = new OutputSink(
      {
        sendMany: async (batches: TopicBatch[]) => {
          requests.push(keysOf(batches));
          if (fail) {
            fail = false;
            throw new Error('broker down');
          }
        },
      },
      { maxMessagesPerRequest: 2 },
    );
    const results = await Promise.allSettled(
      ['m1', 'm2', 'm3'].map((key) => sink.publish([{ topic: 't', messages: [message(key)] }])),
    );
    expect(requests).toEqual([['m1', 'm2'], ['m3']]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });

  it('collects what is published while a request is in flight into the next one, and answers each caller after its own request', async () => {
    const { publisher, requests } = heldPublisher<TopicBatch>();
    const sink = new OutputSink(publisher);
    const settled: string[] = [];
    const track = (name: string, published: Promise<void>) =>
      published.then(
        () => settled.push(`${name} ok`),
        (error: Error) => settled.push(`${name} ${error.message}`),
      );

    const first = track('first', sink.publish([{ topic: 't', messages: [message('m1')] }]));
    await eventually(() => expect(requests).toHaveLength(1));
    const second = track('second', sink.publish([{ topic: 't', messages: [message('m2')] }]));
    const third = track(
      'third',
      sink.publish([
        { topic: 'u', messages: [message('u1')] },
        { topic: 't', messages: [message('m3')] },
      ]),
    );

    expect(requests).toHaveLength(1);
    requests[0].succeed();
    await first;
    expect(settled).toEqual(['first ok']);

    await eventually(() => expect(requests).toHaveLength(2));
    expect(readRequest(requests[1].batches)).toEqual([
      { topic: 't', messages: [message('m2'), message('m3')] },
      { topic: 'u', messages: [message('u1')] },
    ]);
    requests[1].fail(new Error('not enough replicas'));
    await Promise.all([second, third]);
    expect(settled).toEqual(['first ok', 'second not enough replicas', 'third not enough replicas']);
    expect(requests).toHaveLength(2);
  });

  it('bounds a request by bytes without splitting or reordering publishes; an oversized one goes alone', async () => {
    const requests: Array<Array<string | null>> = [];
    const sink = new OutputSink(
      {
        sendMany: async (batches: TopicBatch[]) => {
          requests.push(keysOf(batches));
        },
      },
      { maxBytesPerRequest: 100 },
    );
    const sized = (key: string, bytes: number) => ({ key, value: Buffer.alloc(bytes - key.length) });
    await Promise.all([
      sink.publish([{ topic: 't', messages: [sized('a', 40)] }]),
      sink.publish([{ topic: 't', messages: [sized('b', 40)] }]),
      sink.publish([{ topic: 't', messages: [sized('c', 40)] }]),
      sink.publish([{ topic: 't', messages: [sized('d1', 150), sized('d2', 10)] }]),
      sink.publish([{ topic: 't', messages: [sized('e', 10)] }]),
    ]);
    expect(requests).toEqual([['a', 'b'], ['c'], ['d1', 'd2'], ['e']]);
  });

  it('counts keys, JSON values and headers as bytes, and hands the publisher the encoded values', async () => {
    const requests: TopicBatch[][] = [];
    const sink = new OutputSink(
      {
        sendMany: async (batches: TopicBatch[]) => {
          requests.push(batches);
        },
      },
      { maxBytesPerRequest: 40 },
    );
    // 'k1' + '{"n":1}' + 'h' + 'vv' = 2 + 7 + 1 + 2 = 12 bytes each; the tombstone is 2.
    const withHeader = (key: string) => ({ key, value: { n: 1 }, headers: { h: 'vv' } });
    await Promise.all([
      sink.publish([{ topic: 't', messages: [withHeader('k1'), withHeader('k2'), withHeader('k3')] }]),
      sink.publish([{ topic: 't', messages: [{ key: 'k4', value: null }] }]),
      sink.publish([{ topic: 't', messages: [withHeader('k5')] }]),
    ]);
    expect(requests.map(keysOf)).toEqual([['k1', 'k2', 'k3', 'k4'], ['k5']]);
    expect(requests[0][0].messages[0]).toEqual({
      key: 'k1',
      value: Buffer.from('{"n":1}'),
      headers: { h: 'vv' },
    });
    expect(requests[0][0].messages[3]).toEqual({ key: 'k4', value: null });
  });

  it('fails only its own publish when a value cannot be encoded as JSON', async () => {
    const requests: Array<Array<string | null>> = [];
    const sink = new OutputSink({
      sendMany: async (batches: TopicBatch[]) => {
        requests.push(keysOf(batches));
      },
    });
    const results = await Promise.allSettled([
      sink.publish([{ topic: 't', messages: [message('m1')] }]),
      sink.publish([{ topic: 't', messages: [{ key: 'bad', value: { amount: 1n } }] }]),
      sink.publish([{ topic: 't', messages: [message('m2')] }]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(requests).toEqual([['m1', 'm2']]);
  });
});
