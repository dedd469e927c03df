import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';

interface Props {
  /** From the password step; the server accepts it for a few minutes. */
  challenge: string;
  onLoggedIn: (response: LoginResponse) => void;
  onBack: () => void;
}

/** The second step for accounts with an authenticator app: a TOTP code or one of the recovery codes. */
export function SecondFactorStep({ challenge, onLoggedIn, onBack }: Props) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await accountApi.secondFactor({ challenge, code: code.replace(/\s+/g, '') }));
    } catch (failure) {
      // A wrong code: say so and let the user try again (or start over once the challenge has expired).
      setError(errorMessage(failure));
      setCode('');
      setBusy(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
      <p id="second-factor-hint">Enter the 6-digit code from your authenticator app, or a recovery code.</p>
      {error && <Alert>{error}</Alert>}
      <label>
        Code
        <input
          name="code"
          autoComplete="one-time-code"
          required
          autoFocus
          minLength={6}
          maxLength={40}
          spellCheck={false}
          aria-describedby="second-factor-hint"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="link" onClick={onBack} disabled={busy}>
        Start again
      </button>
    </form>
  );
}
