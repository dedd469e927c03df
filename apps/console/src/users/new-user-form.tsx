import { useState, type FormEvent } from 'react';
import type { UserSummary } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import type { Choices } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { FormErrors } from '../ui/form-errors.js';
import { createUserRequest, emptyUserForm, type UserForm } from './user-form.js';
import { UserFields } from './user-fields.js';

interface Props {
  choices: Choices;
  onCreated: (user: UserSummary) => void;
  onCancel: () => void;
}

/** A local account: it must choose its own password at first login. */
export function NewUserForm({ choices, onCreated, onCancel }: Props) {
  const [form, setForm] = useState<UserForm>(emptyUserForm);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const change = (changes: Partial<UserForm>) => setForm((f) => ({ ...f, ...changes }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = createUserRequest(form);
    if (result.errors) return setErrors(result.errors);
    setBusy(true);
    setErrors([]);
    try {
      onCreated(await adminApi.createUser(result.request));
    } catch (failure) {
      setErrors([errorMessage(failure)]);
      setBusy(false);
    }
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-user-title" noValidate>
      <h3 id="new-user-title">New user</h3>
      <FormErrors errors={errors} />
      <div className="form-row">
        <label className="grow">
          User name
          <input
            name="username"
            autoComplete="off"
            required
            maxLength={128}
            autoFocus
            value={form.username}
            onChange={(e) => change({ username: e.target.value })}
          />
        </label>
        <label className="grow">
          Initial password
          <input
            name="initial-password"
            type="password"
            autoComplete="new-password"
            required
            maxLength={1024}
            value={form.password}
            onChange={(e) => change({ password: e.target.value })}
          />
        </label>
      </div>
      <UserFields form={form} onChange={change} choices={choices} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
