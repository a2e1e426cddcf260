import { PartitionProgress } from './partition-progress';

describe(PartitionProgress.name, () => {
  it('commits up to the first unfinished offset, whatever order work finishes in', () => {
    const progress = new PartitionProgress();
    expect(progress.committable()).toBeNull();
    for (const offset of ['10', '11', '12', '13']) {
      progress.take(offset);
    }
    expect(progress.committable()).toBe('10');
    progress.finish('12');
    progress.finish('11');
    expect(progress.committable()).toBe('10');
    expect(progress.inFlight).toBe(2);
    progress.finish('10');
    expect(progress.committable()).toBe('13');
    progress.finish('13');
    expect(progress.committable()).toBe('14');
    expect(progress.inFlight).toBe(0);
  });

  it('moves past offsets read but never handed out (control records)', () => {
    const progress = new PartitionProgress();
    progress.take('5');
    progress.readUpTo('8');
    progress.finish('5');
    expect(progress.committable()).toBe('8');
  });

  it('counts a finish once and keeps its memory bounded', () => {
    const progress = new PartitionProgress();
    for (let offset = 0; offset < 5_000; offset += 1) {
      progress.take(String(offset));
    }
    for (let offset = 0; offset < 5_000; offset += 1) {
      progress.finish(String(offset));
      progress.finish(String(offset));
    }
    expect(progress.inFlight).toBe(0);
    expect(progress.committable()).toBe('5000');
  });
});
