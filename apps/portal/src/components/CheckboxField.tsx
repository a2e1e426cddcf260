import { useId } from 'react';

interface CheckboxFieldProps {
  label: string;
  help?: string;
  /** Whether the box is ticked. */
  value: boolean;
  onChange: (checked: boolean) => void;
}

/** A checkbox with its label and, where given, the help text that describes it. */
export function CheckboxField({ label, help, value, onChange }: CheckboxFieldProps) {
  const helpId = `${useId()}-help`;
  return (
    <div className="field checkbox-field">
      <label className="choice">
        <input
          type="checkbox"
          checked={value}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={help ? helpId : undefined}
        />
        {label}
      </label>
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
    </div>
  );
}
