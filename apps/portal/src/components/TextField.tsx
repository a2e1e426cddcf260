import type { InputHTMLAttributes } from 'react';
import { Field } from './Field';

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-describedby' | 'aria-invalid'
>;

interface TextFieldProps extends InputAttributes {
  label: string;
  help?: string;
  errors?: string[];
  value: string;
  onChange: (value: string) => void;
}

/** A labelled one-line input wired to its help text and the API's problems with it. */
export function TextField({ label, help, errors, value, onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} help={help} errors={errors}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          {...input}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}
