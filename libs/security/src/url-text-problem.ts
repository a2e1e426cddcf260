// C0/C1 controls and DEL: the URL parser silently drops tabs and line breaks, so the saved URL would
// not be the one the customer reads, and a line break could end a request line.
const CONTROL = /[\p{Cc}]/u;
const SPACE = /[\p{Z}]/u;
// Format characters (zero-width, bidi overrides, BOM, soft hyphen) and fillers that render as nothing:
// they disguise a host or path, and some are dropped by IDNA mapping.
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\uFE00-\uFE0F]/u;

/** Why the raw text of a URL is refused before parsing, or null: the parser would quietly rewrite it. */
export function urlTextProblem(url: string): string | null {
  const control = CONTROL.exec(url);
  if (control) {
    return `url must not contain control characters such as line breaks or tabs (at ${control.index})`;
  }
  const space = SPACE.exec(url);
  if (space) {
    return `url must not contain spaces (at ${space.index}); encode one in a path as %20`;
  }
  const invisible = INVISIBLE.exec(url);
  if (invisible) {
    const code = (invisible[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return `url must not contain invisible characters such as U+${code} (at ${invisible.index})`;
  }
  return null;
}
