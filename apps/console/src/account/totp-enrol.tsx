import type { FormEvent } from 'react';
import type { TotpEnrolment } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { CodeField, useCode } from '../auth/one-time-code.js';
import { FormErrors } from '../ui/form-errors.js';
import { SecretValue } from '../ui/secret-value.js';
import { CancelButton, SubmitButton } from '../ui/submit-button.js';

interface Props {
  enrolment: TotpEnrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/** Scan (or type) the secret, then prove it works with a first code: only then is the second factor on. */
export function TotpEnrol({ enrolment, onConfirmed, onCancel }: Props) {
  const { code, setCode, busy, errors, send } = useCode();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await send(async (value) => onConfirmed((await accountApi.confirmTotp(value)).recoveryCodes));
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
      <SecretValue id="totp-secret-label" label="Secret key" value={enrolment.secret} what="secret key" testId="totp-secret" />
      <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Confirm two-factor authentication">
        <p>2. Enter the 6-digit code the app now shows.</p>
        <FormErrors errors={errors} />
        <div className="form-row">
          <CodeField
            label="Code from the app"
            name="totp-code"
            inputMode="numeric"
            maxLength={10}
            inputClassName="narrow"
            value={code}
            onChange={setCode}
          />
          <SubmitButton busy={busy} busyText="Checking…">
            Turn on two-factor authentication
          </SubmitButton>
          <CancelButton busy={busy} onClick={onCancel} />
        </div>
      </form>
    </div>
  );
}
