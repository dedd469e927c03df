import { useState, type FormEvent } from 'react';
import type { TotpEnrolment } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { CopyButton } from '../ui/copy-button.js';

interface Props {
  enrolment: TotpEnrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/** Scan (or type) the secret, then prove it works with a first code: only then is the second factor on. */
export function TotpEnrol({ enrolment, onConfirmed, onCancel }: Props) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onConfirmed((await accountApi.confirmTotp(code.replace(/\s+/g, ''))).recoveryCodes);
    } catch (failure) {
      setError(errorMessage(failure));
      setCode('');
      setBusy(false);
    }
  }

  return (
    <div className="totp-enrol">
      <p>1. Scan this QR code with your authenticator app.</p>
      {/* The server draws the QR code; it is its own SVG, not user input. */}
      <div
        className="qr"
        role="img"
        aria-label="QR code for your authenticator app"
        dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
      />
      <p>Or, if you cannot scan it, type this key into the app:</p>
      <div className="secret">
        <span className="secret-label" id="totp-secret-label">
          Secret key
        </span>
        <code data-testid="totp-secret" aria-labelledby="totp-secret-label">
          {enrolment.secret}
        </code>
        <CopyButton text={enrolment.secret} what="secret key" />
      </div>
      <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Confirm two-factor authentication">
        <p>2. Enter the 6-digit code the app now shows.</p>
        {error && <Alert>{error}</Alert>}
        <div className="form-row">
          <label>
            Code from the app
            <input
              name="totp-code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              minLength={6}
              maxLength={10}
              className="narrow"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Turn on two-factor authentication'}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
