import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';

interface Props {
  /** Directory (LDAP) accounts log in here too. */
  directory: boolean;
  onLoggedIn: (response: LoginResponse) => void;
  onSecondFactor: (challenge: string) => void;
}

export function PasswordStep({ directory, onLoggedIn, onSecondFactor }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await accountApi.login(username.trim(), password);
      if ('secondFactorRequired' in result) onSecondFactor(result.challenge);
      else onLoggedIn(result);
    } catch (failure) {
      // The server's sentence says what went wrong: bad credentials, or too many attempts and for how long.
      setError(errorMessage(failure));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
      {error && <Alert>{error}</Alert>}
      <label>
        User name
        <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {directory && <p className="field-note muted">Directory (LDAP) accounts log in here too.</p>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
