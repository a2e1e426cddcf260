/** Ends an exhaustive `switch`: the compiler proves it unreachable, the runtime names what slipped through. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
