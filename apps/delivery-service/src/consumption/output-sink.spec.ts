import type { TopicBatch } from './output-sink';
import { OutputSink } from './output-sink';

const message = (key: string) => ({ key, value: { key } });

describe(OutputSink.name, () => {
  it('sends what concurrent steps publish in one request, in publish order per topic', async () => {
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
    expect(requests).toEqual([
      [
        { topic: 'attempts', messages: [message('a1'), message('a2')] },
        { topic: 'retry', messages: [message('t1')] },
      ],
    ]);
  });

  it('sends requests one at a time, bounded in size, and rejects only the steps of a failed request', async () => {
    const requests: string[][] = [];
    let fail = true;
    const sink = new OutputSink(
      {
        sendMany: async (batches: TopicBatch[]) => {
          requests.push(batches.flatMap((batch) => batch.messages.map((item) => item.key ?? '')));
          if (fail) {
            fail = false;
            throw new Error('broker down');
          }
        },
      },
      2,
    );
    const results = await Promise.allSettled(
      ['m1', 'm2', 'm3'].map((key) => sink.publish([{ topic: 't', messages: [message(key)] }])),
    );
    expect(requests).toEqual([['m1', 'm2'], ['m3']]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
