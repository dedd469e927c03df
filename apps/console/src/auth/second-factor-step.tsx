import type { FormEvent } from 'react';
import type { LoginResponse } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { CodeField, useCode } from './one-time-code.js';

interface Props {
  /** From the password step; the server accepts it for a few minutes. */
  challenge: string;
  onLoggedIn: (response: LoginResponse) => void;
  onBack: () => void;
}

/** The second step for accounts with an authenticator app: a TOTP code or one of the recovery codes. */
export function SecondFactorStep({ challenge, onLoggedIn, onBack }: Props) {
  const { code, setCode, busy, errors, send } = useCode();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A wrong code: say so and let the user try again (or start over once the challenge has expired).
    await send(async (value) => onLoggedIn(await accountApi.secondFactor({ challenge, code: value })));
  }

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
      <p id="second-factor-hint">Enter the 6-digit code from your authenticator app, or a recovery code.</p>
      <FormErrors errors={errors} />
      <CodeField
        label="Code"
        name="code"
        autoFocus
        maxLength={40}
        spellCheck={false}
        aria-describedby="second-factor-hint"
        value={code}
        onChange={setCode}
      />
      <SubmitButton busy={busy} busyText="Checking…">
        Verify
      </SubmitButton>
      <button type="button" className="link" onClick={onBack} disabled={busy}>
        Start again
      </button>
    </form>
  );
}
