import { parseJsonObject, readOptionFile } from '../commands/option-file';

/**
 * Headers from a file (a JSON object, or `Name: value` lines as curl -D or a proxy log shows them) and from
 * repeated `-H 'Name: value'` options; names are lower-cased.
 */
export function readHeaders(file: string | undefined, lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  if (file !== undefined) {
    const text = readOptionFile('--headers', file).toString('utf8');
    Object.assign(
      headers,
      text.trimStart().startsWith('{') ? fromJson(text, file) : fromLines(text.split(/\r?\n/)),
    );
  }
  Object.assign(headers, fromLines(lines));
  return headers;
}

function fromJson(text: string, file: string): Record<string, string> {
  const value = parseJsonObject('--headers', file, text, 'of header names to values');
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name.toLowerCase(),
      Array.isArray(item) ? item.map(String).join(' ') : String(item),
    ]),
  );
}

function fromLines(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const match = /^\s*([A-Za-z0-9-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (match) {
      headers[match[1].toLowerCase()] = match[2];
    }
  }
  return headers;
}
