/** Ends an exhaustive `switch`: the compiler proves it unreachable, and it throws if data proves otherwise. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what} ${JSON.stringify(value)}`);
}
