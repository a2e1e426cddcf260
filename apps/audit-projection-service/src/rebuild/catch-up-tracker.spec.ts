import { CatchUpTracker } from './catch-up-tracker';

describe(CatchUpTracker.name, () => {
  it('is caught up at once when every partition is empty', () => {
    expect(new CatchUpTracker([{ topic: 't', partition: 0, low: '5', high: '5' }]).caughtUp).toBe(true);
  });

  it('waits for the last offset before each captured end', () => {
    const tracker = new CatchUpTracker([
      { topic: 'a', partition: 0, low: '0', high: '10' },
      { topic: 'b', partition: 1, low: '3', high: '4' },
    ]);
    tracker.handled('a', 0, '8');
    expect(tracker.pendingPartitions).toEqual(['a[0]', 'b[1]']);
    tracker.handled('a', 0, '9');
    tracker.handled('b', 0, '99');
    expect(tracker.pendingPartitions).toEqual(['b[1]']);
    tracker.handled('b', 1, '3');
    expect(tracker.caughtUp).toBe(true);
  });

  it('counts messages past the captured end as caught up', () => {
    const tracker = new CatchUpTracker([{ topic: 'a', partition: 0, low: '0', high: '10' }]);
    tracker.handled('a', 0, '15');
    expect(tracker.caughtUp).toBe(true);
  });
});
