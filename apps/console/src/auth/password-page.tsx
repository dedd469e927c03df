import { useState, type FormEvent } from 'react';
import type { CurrentUser } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle('New password');
  const rules = passwordRules(next, user.username);
  const mismatch = confirm !== '' && confirm !== next;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.changePassword({ currentPassword: current, newPassword: next });
      onChanged(result.user);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <div className="auth">
      <form className="auth-card" onSubmit={(event) => void submit(event)} aria-labelledby="password-title">
        <div className="brand auth-brand">Pons</div>
        <h1 id="password-title">Choose a new password</h1>
        <p className="muted">
          Signed in as <strong>{user.username}</strong>. This account must get a new password before it can be used.
        </p>
        {error && <Alert>{error}</Alert>}
        {/* For password managers: they file the new password under this user name. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <label>
          Current password
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          New password
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby="password-rules"
          />
        </label>
        <ul id="password-rules" className="rules" aria-label="Password rules">
          {rules.map((rule) => (
            <li key={rule.text} className={rule.met ? 'met' : undefined}>
              <span aria-hidden="true">{rule.met ? '✓' : '•'}</span> {rule.text}
              <span className="sr-only">{rule.met ? ' (met)' : ' (not yet met)'}</span>
            </li>
          ))}
        </ul>
        <label>
          Confirm new password
          <input
            name="confirm-password"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={mismatch}
          />
        </label>
        {mismatch && <p className="field-error">The two new passwords differ.</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Set new password'}
        </button>
        <button type="button" className="link" onClick={() => void onLogOut()}>
          Log out instead
        </button>
      </form>
    </div>
  );
}
