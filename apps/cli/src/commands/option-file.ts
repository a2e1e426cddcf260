import { readFileSync } from 'node:fs';
import { CliError } from '../output/cli-error';

/** The bytes of the file an option names (`--body file`); `-` reads standard input. */
export function readOptionFile(option: string, file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    throw new CliError(`cannot read ${option} ${file}: ${(error as Error).message}`);
  }
}

/**
 * The JSON object in the file an option names; `holds` ends the message when the file holds something else
 * (`must hold a JSON object <holds>`).
 */
export function parseJsonObject(
  option: string,
  file: string,
  text: string,
  holds: string,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${option} ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${option} ${file} must hold a JSON object ${holds}`);
  }
  return value as Record<string, unknown>;
}
