import { createHash } from 'node:crypto';
import { createViewSql, replaceViewSql } from './analytics-views';

const sha256 = (sql: string) => createHash('sha256').update(sql).digest('hex');

describe('analytics view revisions', () => {
  // Applied migrations ran exactly this SQL: a revision that shipped must keep building it byte for byte.
  it.each([
    ['v_deliveries', 1, createViewSql, '47610b7792d9bd746342afddd09c22d7f9108ba5fb79b4e72a66d5b60ab22f6f'],
    ['v_attempts', 1, createViewSql, '0f43b664191a633d9ecdc5793bda4f01e7cba0fd9d5b96f421ceeb7bdeff176f'],
    ['v_stats_hourly', 1, createViewSql, 'e6cc6c64e3b2a7afe549619dd12033d601c351ff7142eee9ae82ce2d9c08b2e6'],
    ['v_deliveries', 2, replaceViewSql, '9e803d1455d64f5c525381bc407e896584d5d143313b2f20e0a94fe0342006c1'],
    ['v_stats_hourly', 2, replaceViewSql, '5eed69aeeca282ad890e4b8c4bb5871d3218c46059e4c769957faf931d711eb1'],
    ['v_stats_hourly', 3, replaceViewSql, '5c0e7d11df95b6abad5a128f5e13df2b3d7b13c57d01bbadc201c3b809c0118f'],
  ] as const)('builds %s revision %i as it shipped', (view, revision, build, digest) => {
    expect(sha256(build(view, revision))).toBe(digest);
  });

  it('refuses a revision the view does not have', () => {
    expect(() => replaceViewSql('v_attempts', 2)).toThrow('v_attempts has no revision 2');
    expect(() => createViewSql('v_deliveries', 0)).toThrow('v_deliveries has no revision 0');
  });
});
