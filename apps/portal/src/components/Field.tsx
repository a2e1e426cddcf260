import { useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  help?: string;
  errors?: string[];
  /** Receives the ids to wire: the control's id and what describes it. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
  extra?: ReactNode;
}

/** A labelled control with its help text and the API's problems with it, all announced together. */
export function Field({ label, help, errors, children, extra }: FieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errorId ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(errorId) })}
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      {errorId && <FieldErrors id={errorId} errors={errors ?? []} />}
      {extra}
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}
