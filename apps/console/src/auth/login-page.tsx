import { useState, type FormEvent } from 'react';
import type { CurrentUser } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { useTitle } from '../ui/use-title.js';

interface Props {
  notice: string | null;
  onLoggedIn: (user: CurrentUser, csrfToken: string) => void;
}

export function LoginPage({ notice, onLoggedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle('Log in');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user, csrfToken } = await api.login(username.trim(), password);
      onLoggedIn(user, csrfToken);
    } catch (failure) {
      // The server's sentence says what went wrong: bad credentials, or too many attempts and for how long.
      setError(errorMessage(failure));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="auth">
      <form className="auth-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <div className="brand auth-brand">Pons</div>
        <h1 id="login-title">Log in</h1>
        {notice && !error && <Alert kind="info">{notice}</Alert>}
        {error && <Alert>{error}</Alert>}
        <label>
          User name
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </div>
  );
}
