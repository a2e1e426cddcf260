import { constantTimeEqual } from './constant-time-equal';

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('s3cret-admin-token', 's3cret-admin-token')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('s3cret-admin-token', 's3cret-admin-tokeN')).toBe(false);
    expect(constantTimeEqual('é', 'e\u0301')).toBe(false);
  });

  it('handles different lengths without throwing', () => {
    expect(constantTimeEqual('short', 'a much longer token')).toBe(false);
    expect(constantTimeEqual('token', '')).toBe(false);
    expect(constantTimeEqual('', 'token')).toBe(false);
    expect(constantTimeEqual('token', 'token ')).toBe(false);
  });
});
