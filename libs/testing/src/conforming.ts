/**
 * `value` as the contract's validator accepts it, for tests of the services that produce it: a
 * producer test reads what the service wrote through the same validator its consumers use, and
 * fails with the validator's reason when the service wrote something its consumers would refuse.
 */
export function conforming<T>(
  validate: (value: unknown) => { ok: true; value: T } | { ok: false; reason: string },
  value: unknown,
): T {
  const parsed = validate(value);
  if (!parsed.ok) {
    throw new Error(`a message its consumers would refuse: ${parsed.reason}`);
  }
  return parsed.value;
}
