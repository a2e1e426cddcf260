import type { ReactNode } from 'react';
import { FieldErrors } from './Field';
import { RadioChoices } from './RadioChoices';

interface ChoiceFieldsetProps<T extends string> {
  legend: string;
  /** The radio group's name. */
  name: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (option: T) => string;
  /** Lay the choices out side by side rather than one per line. */
  inline?: boolean;
  /** The id of the list of the API's problems with the choice. */
  errorsId: string;
  errors?: string[];
  /** The fields the chosen option asks for. */
  children?: ReactNode;
}

/** A choice of one kind among several, the fields the chosen kind needs, and the API's problems with them. */
export function ChoiceFieldset<T extends string>({
  legend,
  inline = false,
  errorsId,
  errors,
  children,
  ...choices
}: ChoiceFieldsetProps<T>) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {inline ? (
        <div className="choices-row">
          <RadioChoices {...choices} />
        </div>
      ) : (
        <RadioChoices {...choices} />
      )}
      {children}
      {errors && <FieldErrors id={errorsId} errors={errors} />}
    </fieldset>
  );
}
