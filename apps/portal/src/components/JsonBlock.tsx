import { CopyButton } from './CopyButton';

/** Pretty-printed JSON that can be copied as a whole; focusable so it scrolls by keyboard. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = JSON.stringify(value, null, 2);
  return (
    <figure className="json-block" aria-label={label}>
      <figcaption>
        <span>{label}</span>
        <CopyButton text={text} what={label} />
      </figcaption>
      <pre tabIndex={0} aria-label={label}>
        <code>{text}</code>
      </pre>
    </figure>
  );
}
