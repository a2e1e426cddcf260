import { decodeValidated } from './codec';

describe(decodeValidated.name, () => {
  const positive = (value: unknown) =>
    typeof value === 'number' && value > 0
      ? { ok: true as const, value }
      : { ok: false as const, reason: 'not a positive number' };

  it.each([
    [Buffer.from('3'), { ok: true, value: 3 }],
    [Buffer.from('-3'), { ok: false, reason: 'not a positive number' }],
    [null, { ok: false, reason: 'message has no value' }],
  ])('decodes %s and answers what the validator says of it', (value, result) => {
    expect(decodeValidated(value, positive)).toEqual(result);
  });

  it('refuses a value that is not JSON before validating it', () => {
    const validate = jest.fn(positive);
    const result = decodeValidated(Buffer.from('{'), validate);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^value is not valid JSON/) });
    expect(validate).not.toHaveBeenCalled();
  });
});
