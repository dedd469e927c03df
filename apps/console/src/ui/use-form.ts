import { useState } from 'react';

type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/** Text fields bound to a form's texts: `<TextField label="Name" {...field('name')} />` shows `form.name` and changes it. */
export function bindFields<F>(form: F, onChange: (changes: Partial<F>) => void) {
  return (key: TextKey<F>) => ({
    value: form[key] as string,
    onChange: (value: string) => onChange({ [key]: value } as Partial<F>),
  });
}

/** A form's values as typed, changed a few at a time, and its text fields bound to them. */
export function useForm<F>(initial: F | (() => F)) {
  const [form, setForm] = useState<F>(initial);
  const change = (changes: Partial<F>) => setForm((f) => ({ ...f, ...changes }));
  return { form, setForm, change, field: bindFields(form, change) };
}
