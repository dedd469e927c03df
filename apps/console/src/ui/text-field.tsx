import type { InputHTMLAttributes, ReactNode } from 'react';

export type TextFieldProps = {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The label's classes. */
  className?: string;
  inputClassName?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>;

/** A labelled text input: the label's text is its accessible name. */
export function TextField({ label, value, onChange, className, inputClassName, ...input }: TextFieldProps) {
  return (
    <label className={className}>
      {label}
      <input {...input} className={inputClassName} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A short number typed as text (a limit, a delay): the form checks it. */
export function NumberTextField(props: Omit<TextFieldProps, 'inputMode' | 'inputClassName'>) {
  return <TextField {...props} inputMode="numeric" inputClassName="narrow" />;
}

/** A labelled checkbox. */
export function CheckField({ label, checked, onChange }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** A label with "(optional)" after it. */
export const optional = (label: string) => (
  <span>
    {label} <span className="muted">(optional)</span>
  </span>
);

type SecretProps = Omit<TextFieldProps, 'label' | 'type' | 'placeholder'> & {
  label: string;
  /** One is stored: it is never shown, and an empty field keeps it. */
  set: boolean;
  /** The placeholder while none is stored. */
  unset?: string;
};

/** A write-only secret (a bind password, a client secret): typed only to replace the stored one. */
export function SecretField({ label, set, unset = '', ...field }: SecretProps) {
  return (
    <TextField
      {...field}
      label={
        <span>
          {label} {set && <span className="tag">set</span>}
        </span>
      }
      type="password"
      autoComplete="new-password"
      maxLength={1024}
      placeholder={set ? 'Leave empty to keep the stored one' : unset}
    />
  );
}
