import { useState } from 'react';
import { TextField, type TextFieldProps } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';

/** A code from an authenticator app (or a recovery code) as typed: sent without its spaces, cleared when refused. */
export function useCode() {
  const [code, setCode] = useState('');
  const submit = useSubmit();
  const value = code.replace(/\s+/g, '');

  async function send(work: (code: string) => Promise<void>) {
    if (!(await submit.run(() => work(value)))) setCode('');
  }

  return { ...submit, code, setCode, value, send };
}

/** The field for such a code. */
export function CodeField(props: Omit<TextFieldProps, 'autoComplete' | 'required' | 'minLength'>) {
  return <TextField {...props} autoComplete="one-time-code" required minLength={6} />;
}
