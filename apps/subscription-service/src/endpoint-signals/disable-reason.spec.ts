import { describeDisableReason } from './disable-reason';

describe(describeDisableReason.name, () => {
  it('says the endpoint is gone', () => {
    expect(describeDisableReason({ reason: 'gone', detail: 'answered 410' })).toBe(
      'endpoint answered 410 Gone',
    );
  });

  it("keeps delivery's detail of a failing endpoint", () => {
    expect(describeDisableReason({ reason: 'failing', detail: ' since 2026-11-20T08:00:00Z ' })).toBe(
      'endpoint failing continuously (since 2026-11-20T08:00:00Z)',
    );
    expect(describeDisableReason({ reason: 'failing', detail: '' })).toBe('endpoint failing continuously');
  });

  it('fits the 500 characters webhook.disabled allows', () => {
    expect(describeDisableReason({ reason: 'failing', detail: 'x'.repeat(2_000) })).toHaveLength(500);
  });
});
