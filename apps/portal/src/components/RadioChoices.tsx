interface RadioChoicesProps<T extends string> {
  /** The radio group's name. */
  name: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (option: T) => string;
}

/** One radio button per option, of which the one equal to `value` is checked. */
export function RadioChoices<T extends string>({
  name,
  options,
  value,
  onChange,
  labelOf,
}: RadioChoicesProps<T>) {
  return options.map((option) => (
    <label key={option} className="choice">
      <input
        type="radio"
        name={name}
        value={option}
        checked={value === option}
        onChange={() => onChange(option)}
      />
      {labelOf(option)}
    </label>
  ));
}
