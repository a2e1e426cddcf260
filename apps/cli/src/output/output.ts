import pc from 'picocolors';

/**
 * Everything the CLI prints goes through here: human lines with colour (off when stdout is not a terminal
 * or NO_COLOR is set), or, with `--json`, one JSON document per result so scripts can read it.
 */
export class Output {
  constructor(readonly json: boolean) {}

  /** A result: the JSON value as it is with `--json`, else the human rendering. */
  result(value: unknown, human: () => string): void {
    process.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }

  /** One item of a stream (listen): one compact JSON line each with `--json`. */
  event(value: unknown, human: () => string): void {
    process.stdout.write(this.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
  }

  /** Progress and hints for people; on stderr so stdout stays the result. */
  note(line: string): void {
    if (!this.json) {
      process.stderr.write(`${pc.dim(line)}\n`);
    }
  }
}

export const colour = pc;

/** Columns padded to their widest cell; the header row dimmed. */
export function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) {
    return pc.dim('(none)');
  }
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index])))
      .join('  ')
      .trimEnd();
  return [pc.dim(line(header)), ...rows.map(line)].join('\n');
}

export function statusColour(status: number | null | undefined): string {
  if (status === null || status === undefined) {
    return pc.red('no answer');
  }
  const text = String(status);
  if (status < 300) {
    return pc.green(text);
  }
  if (status < 500) {
    return pc.yellow(text);
  }
  return pc.red(text);
}
