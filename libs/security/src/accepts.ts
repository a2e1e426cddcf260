/** Whether `parse`, which throws on what it refuses, accepts `input`. */
export function accepts(parse: (input: string) => unknown, input: string): boolean {
  try {
    parse(input);
    return true;
  } catch {
    return false;
  }
}
