import { useState } from 'react';
import { codesText, parseCodes } from './step-edit.js';

/**
 * Inputs whose typed text is not yet a value: the text is kept as typed and the value is passed
 * on only when it parses, so a half-typed number never vanishes. When the value changes from
 * outside (another step moved here), the text follows it.
 */
function useTyped<T>(value: T, show: (value: T) => string) {
  const [text, setText] = useState(show(value));
  const [shown, setShown] = useState(value);
  if (value !== shown && show(value) !== show(shown)) {
    setShown(value);
    setText(show(value));
  }
  return [text, setText, setShown] as const;
}

interface NumberProps {
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  placeholder?: string;
  required?: boolean;
  onChange: (value: number | undefined) => void;
}

export function NumberField({ label, value, min, max, placeholder, required = false, onChange }: NumberProps) {
  const [text, setText, setShown] = useTyped(value, (v) => (v === undefined ? '' : String(v)));
  const parse = (t: string) => (/^\s*\d+\s*$/.test(t) && Number(t) >= min && Number(t) <= max ? Number(t) : null);
  const invalid = text.trim() === '' ? required : parse(text) === null;
  return (
    <label>
      {label}
      <input
        inputMode="numeric"
        className="narrow"
        placeholder={placeholder}
        aria-invalid={invalid}
        title={`A whole number from ${min} to ${max}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value.trim() === '' ? undefined : parse(e.target.value);
          if (n === null || (n === undefined && required)) return;
          setShown(n);
          onChange(n);
        }}
      />
    </label>
  );
}

export function CodesField({ value, onChange }: { value: number[] | undefined; onChange: (codes: number[] | undefined) => void }) {
  const [text, setText, setShown] = useTyped(value, codesText);
  return (
    <label>
      Success codes
      <input
        placeholder="0"
        className="codes"
        aria-invalid={parseCodes(text) === null}
        title="Return codes that mean success when no branch matched, e.g. 0, 3010"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const codes = parseCodes(e.target.value);
          if (codes === null) return;
          setShown(codes);
          onChange(codes);
        }}
      />
    </label>
  );
}

interface JumpProps {
  label: string;
  value: string | undefined;
  targets: readonly string[];
  /** What no choice means, e.g. "the next step"; without it a target must be chosen. */
  none?: string;
  onChange: (value: string | undefined) => void;
}

/** A jump target among the labels that exist; a jump to a label no step has any more stays visible, marked. */
export function JumpSelect({ label, value, targets, none, onChange }: JumpProps) {
  const missing = value !== undefined && value !== '' && !targets.includes(value);
  return (
    <label>
      {label}
      <select value={value ?? ''} aria-invalid={missing} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {missing && <option value={value}>{value} (no such label)</option>}
        {targets.map((target) => (
          <option key={target} value={target}>
            {target}
          </option>
        ))}
      </select>
    </label>
  );
}
