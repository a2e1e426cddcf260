/** A compiled check of one input DTO: true when the value is valid as it stands. */
export type CompiledInputCheck = (value: unknown) => boolean;

const checks = new WeakMap<object, CompiledInputCheck>();

/**
 * Gives an HTTP input DTO a compiled check (a JSON Schema compiled once), its fast path: a value the
 * check accepts reaches the handler as given, without class-transformer and class-validator; a value it
 * refuses is judged by the DTO's decorators as before, which name the field. The check must accept
 * nothing the decorators refuse, and the DTO must need no transformation (no `@Type` conversion, no
 * defaults); a differential spec beside the DTO holds it to that.
 */
export function CompiledInput(check: CompiledInputCheck): ClassDecorator {
  return (target) => {
    checks.set(target, check);
  };
}

/** The compiled check registered for `metatype`, if any. */
export function compiledInputCheck(metatype: unknown): CompiledInputCheck | undefined {
  return typeof metatype === 'function' ? checks.get(metatype) : undefined;
}
