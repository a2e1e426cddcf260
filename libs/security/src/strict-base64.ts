const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes standard base64 (padding optional); `null` unless the text is canonical, since `Buffer` silently skips junk. */
export function decodeBase64Strict(text: string): Buffer | null {
  if (!BASE64.test(text)) {
    return null;
  }
  const bytes = Buffer.from(text, 'base64');
  const canonical = bytes.toString('base64');
  const unpadded = canonical.replace(/=+$/, '');
  return text === canonical || text === unpadded ? bytes : null;
}

/** Decodes unpadded base64url; `null` unless the text is canonical. */
export function decodeBase64UrlStrict(text: string): Buffer | null {
  if (!BASE64URL.test(text)) {
    return null;
  }
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
