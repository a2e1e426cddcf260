import type { DataSource } from 'typeorm';
import { ApiKeyUsageService, USAGE_RESOLUTION_MS } from './api-key-usage.service';

function setup(update: jest.Mock = jest.fn(async () => undefined)) {
  const dataSource = { getRepository: () => ({ update }) } as unknown as DataSource;
  return { usage: new ApiKeyUsageService(dataSource), update };
}

describe(ApiKeyUsageService.name, () => {
  it('notes a key at most once per minute', () => {
    const { usage } = setup();
    const t0 = 1_700_000_000_000;
    expect(usage.noteUse('key_a', t0)).toBe(true);
    expect(usage.noteUse('key_a', t0 + 1_000)).toBe(false);
    expect(usage.noteUse('key_a', t0 + USAGE_RESOLUTION_MS - 1)).toBe(false);
    expect(usage.noteUse('key_b', t0 + 1_000)).toBe(true);
    expect(usage.noteUse('key_a', t0 + USAGE_RESOLUTION_MS)).toBe(true);
  });

  it('writes every noted key in one update, off the request path', async () => {
    const { usage, update } = setup();
    usage.noteUse('key_a');
    usage.noteUse('key_b');
    expect(update).not.toHaveBeenCalled();
    await usage.flush();
    expect(update).toHaveBeenCalledTimes(1);
    expect(usage.pendingKeyIds).toEqual([]);
    await usage.flush();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('keeps the keys for the next flush when the write fails', async () => {
    const update = jest
      .fn()
      .mockRejectedValueOnce(new Error('connection refused'))
      .mockResolvedValue(undefined);
    const { usage } = setup(update);
    jest.spyOn(usage['logger'], 'warn').mockImplementation(() => undefined);
    usage.noteUse('key_a');
    await usage.flush();
    expect(usage.pendingKeyIds).toEqual(['key_a']);
    await usage.flush();
    expect(usage.pendingKeyIds).toEqual([]);
    expect(update).toHaveBeenCalledTimes(2);
  });
});
