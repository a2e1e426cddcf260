import { decodeBase64Strict, decodeBase64UrlStrict } from './strict-base64';

describe('decodeBase64Strict', () => {
  it('decodes padded and unpadded canonical base64', () => {
    expect(decodeBase64Strict('aGk=')?.toString()).toBe('hi');
    expect(decodeBase64Strict('aGk')?.toString()).toBe('hi');
    expect(decodeBase64Strict('+/8=')?.toString('hex')).toBe('fbff');
    expect(decodeBase64Strict('')?.length).toBe(0);
  });

  it.each([['aGk=!'], ['a Gk='], ['aGl='], ['-_8='], ['aGk==='], ['a']])('refuses %p', (text) => {
    expect(decodeBase64Strict(text)).toBeNull();
  });
});

describe('decodeBase64UrlStrict', () => {
  it('decodes canonical base64url', () => {
    expect(decodeBase64UrlStrict('-_8')?.toString('hex')).toBe('fbff');
    expect(decodeBase64UrlStrict('')?.length).toBe(0);
  });

  it.each([['+/8'], ['aGk='], ['aGl'], ['a.b']])('refuses %p', (text) => {
    expect(decodeBase64UrlStrict(text)).toBeNull();
  });
});
