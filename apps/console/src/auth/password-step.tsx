import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';

interface Props {
  /** Directory (LDAP) accounts log in here too. */
  directory: boolean;
  onLoggedIn: (response: LoginResponse) => void;
  onSecondFactor: (challenge: string) => void;
}

export function PasswordStep({ directory, onLoggedIn, onSecondFactor }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, errors, run } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // On failure the server's sentence says what went wrong: bad credentials, or too many attempts and for how long.
    const ok = await run(async () => {
      const result = await accountApi.login(username.trim(), password);
      if ('secondFactorRequired' in result) onSecondFactor(result.challenge);
      else onLoggedIn(result);
    });
    if (!ok) setPassword('');
  }

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
      <FormErrors errors={errors} />
      <TextField label="User name" name="username" autoComplete="username" required autoFocus value={username} onChange={setUsername} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      {directory && <p className="field-note muted">Directory (LDAP) accounts log in here too.</p>}
      <SubmitButton busy={busy} busyText="Logging in…">
        Log in
      </SubmitButton>
    </form>
  );
}
