import { useState, type FormEvent } from 'react';
import type { CurrentUser } from '@pons/protocol';
import { api } from '../api.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';
import { useTitle } from '../ui/use-title.js';
import { passwordRules } from './password-rules.js';

interface Props {
  user: CurrentUser;
  onChanged: (user: CurrentUser) => void;
  onLogOut: () => Promise<void>;
}

/** Shown before anything else while the account still has its initial (or reset) password. */
export function PasswordPage({ user, onChanged, onLogOut }: Props) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, errors, run, fail } = useSubmit();
  useTitle('New password');
  const rules = passwordRules(next, user.username);
  const mismatch = confirm !== '' && confirm !== next;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) return fail(['The two new passwords differ.']);
    await run(async () => onChanged((await api.changePassword({ currentPassword: current, newPassword: next })).user));
  }

  return (
    <div className="auth">
      <form className="auth-card" onSubmit={(event) => void submit(event)} aria-labelledby="password-title">
        <div className="brand auth-brand">Pons</div>
        <h1 id="password-title">Choose a new password</h1>
        <p className="muted">
          Signed in as <strong>{user.username}</strong>. This account must get a new password before it can be used.
        </p>
        <FormErrors errors={errors} />
        {/* For password managers: they file the new password under this user name. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <TextField
          label="Current password"
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          value={current}
          onChange={setCurrent}
        />
        <TextField
          label="New password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={setNext}
          aria-describedby="password-rules"
        />
        <ul id="password-rules" className="rules" aria-label="Password rules">
          {rules.map((rule) => (
            <li key={rule.text} className={rule.met ? 'met' : undefined}>
              <span aria-hidden="true">{rule.met ? '✓' : '•'}</span> {rule.text}
              <span className="sr-only">{rule.met ? ' (met)' : ' (not yet met)'}</span>
            </li>
          ))}
        </ul>
        <TextField
          label="Confirm new password"
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={setConfirm}
          aria-invalid={mismatch}
        />
        {mismatch && <p className="field-error">The two new passwords differ.</p>}
        <SubmitButton busy={busy} busyText="Saving…">
          Set new password
        </SubmitButton>
        <button type="button" className="link" onClick={() => void onLogOut()}>
          Log out instead
        </button>
      </form>
    </div>
  );
}
