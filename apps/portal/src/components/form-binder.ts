import { useState } from 'react';

/** A form's values and the one way to change a field of them, handed to the parts of the form. */
export interface FormBinder<T> {
  values: T;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  /** The `value` and `onChange` of a control that edits the field `key`. */
  bind: <K extends keyof T>(key: K) => { value: T[K]; onChange: (value: T[K]) => void };
  /** The same for a group of radio buttons, which is named after the field. */
  bindChoice: <K extends keyof T & string>(
    key: K,
  ) => { name: K; value: T[K]; onChange: (value: T[K]) => void };
}

export function useFormBinder<T>(initial: () => T): FormBinder<T> {
  const [values, setValues] = useState<T>(initial);
  const set = <K extends keyof T>(key: K, value: T[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const bind = <K extends keyof T>(key: K) => ({
    value: values[key],
    onChange: (value: T[K]) => set(key, value),
  });
  const bindChoice = <K extends keyof T & string>(key: K) => ({ name: key, ...bind(key) });
  return { values, set, bind, bindChoice };
}
