import { useState } from 'react';
import type { TotpEnrolment } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { Alert } from '../ui/alert.js';
import { FormErrors } from '../ui/form-errors.js';
import { useSubmit } from '../ui/use-submit.js';
import { RecoveryCodesView } from './recovery-codes.js';
import { TotpEnrol } from './totp-enrol.js';
import { TotpManage } from './totp-manage.js';

/** Two-factor authentication with an authenticator app (TOTP), and its recovery codes. */
export function SecondFactorPanel() {
  const { user, reload } = useCurrentSession();
  const [enabled, setEnabled] = useState(user.totpEnabled);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const { busy, errors, done, run, notify } = useSubmit();

  const start = () => run(async () => setEnrolment(await accountApi.enrolTotp()));

  function confirmed(recoveryCodes: string[]) {
    setEnrolment(null);
    setEnabled(true);
    setCodes(recoveryCodes);
    notify('Two-factor authentication is on: each login now asks for a code.');
    reload();
  }

  function disabled() {
    setEnabled(false);
    notify('Two-factor authentication is off.');
    reload();
  }

  return (
    <section className="panel stack-form" aria-labelledby="second-factor-title">
      <div className="panel-head">
        <h2 id="second-factor-title">Two-factor authentication</h2>
        <span className={`badge ${enabled ? 'tone-success' : 'tone-waiting'}`} data-testid="totp-state">
          {enabled ? 'on' : 'off'}
        </span>
      </div>
      <FormErrors errors={errors} />
      {done && <Alert kind="success">{done}</Alert>}
      {user.source === 'oidc' ? (
        <p className="muted">You log in through single sign-on: your provider asks for the second factor.</p>
      ) : codes ? (
        <RecoveryCodesView codes={codes} onDone={() => setCodes(null)} />
      ) : enrolment ? (
        <TotpEnrol enrolment={enrolment} onConfirmed={confirmed} onCancel={() => setEnrolment(null)} />
      ) : enabled ? (
        <TotpManage onDisabled={disabled} onNewCodes={setCodes} />
      ) : (
        <>
          <p className="muted">
            Besides your password, each login asks for a 6-digit code from an authenticator app on your phone (FreeOTP, Google
            Authenticator, Microsoft Authenticator…).
          </p>
          <div>
            <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
              {busy ? 'Starting…' : 'Set up two-factor authentication'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
