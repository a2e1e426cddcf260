import { closestMatch, editDistance } from './closest-match';

describe(closestMatch.name, () => {
  const candidates = ['job.created', 'job.updated', 'estimate.created'];

  it('finds a transposition typo', () => {
    expect(closestMatch('job.craeted', candidates)).toBe('job.created');
  });

  it('ignores case', () => {
    expect(closestMatch('JOB.UPDATED', candidates)).toBe('job.updated');
  });

  it('returns null when nothing is close', () => {
    expect(closestMatch('invoice.paid', candidates)).toBeNull();
  });
});

describe(editDistance.name, () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abc', 'abxc')).toBe(1);
    expect(editDistance('abc', 'ac')).toBe(1);
    expect(editDistance('abc', 'abd')).toBe(1);
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
