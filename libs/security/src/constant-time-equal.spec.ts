import { constantTimeEqual, digestsEqual, secretDigest } from './constant-time-equal';

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

describe('secretDigest and digestsEqual', () => {
  it('judge like constantTimeEqual, with the known side hashed once', () => {
    const known = secretDigest('s3cret-admin-token');
    for (const presented of ['s3cret-admin-token', 's3cret-admin-tokeN', '', 'short', 'é', 'e\u0301']) {
      expect(digestsEqual(secretDigest(presented), known)).toBe(
        constantTimeEqual(presented, 's3cret-admin-token'),
      );
    }
    expect(digestsEqual(Buffer.alloc(31), Buffer.alloc(32))).toBe(false);
  });
});
