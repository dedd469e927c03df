import { CopyButton } from './copy-button.js';

interface Props {
  /** The label's id: the value is named by it. */
  id: string;
  label: string;
  value: string;
  /** What the copy button copies, for its name: "Copy API token". */
  what: string;
  testId?: string;
  className?: string;
}

/** A value to copy by hand or with a button: a token, a key, a URI to register elsewhere. */
export function SecretValue({ id, label, value, what, testId, className }: Props) {
  return (
    <div className="secret">
      <span className="secret-label" id={id}>
        {label}
      </span>
      <code data-testid={testId} aria-labelledby={id} className={className}>
        {value}
      </code>
      <CopyButton text={value} what={what} />
    </div>
  );
}

/** Over a token just created: the server keeps only its hash. */
export function ShownOnce() {
  return (
    <p className="warning" role="alert">
      <strong>Copy it now: this token is shown only once.</strong> The server keeps only a fingerprint of it and cannot show it again. If
      you lose it, revoke it and create another.
    </p>
  );
}
