import { accountApi } from '../account-api.js';
import { CodeField, useCode } from '../auth/one-time-code.js';
import { FormErrors } from '../ui/form-errors.js';

interface Props {
  onDisabled: () => void;
  onNewCodes: (codes: string[]) => void;
}

/** With the second factor on: new recovery codes, or turning it off; both need a current code. */
export function TotpManage({ onDisabled, onNewCodes }: Props) {
  const { code, setCode, value, busy, errors, send, fail } = useCode();

  async function act(kind: 'codes' | 'disable') {
    if (value.length < 6) return fail(['Enter the code your authenticator app shows first.']);
    await send(async (current) => {
      if (kind === 'codes') onNewCodes((await accountApi.newRecoveryCodes(current)).recoveryCodes);
      else {
        await accountApi.disableTotp(current);
        onDisabled();
      }
    });
  }

  return (
    <form className="stack-form" onSubmit={(event) => event.preventDefault()} aria-label="Manage two-factor authentication">
      <p className="muted">
        Each login asks for a code from your authenticator app. New recovery codes replace the old ones, which stop working.
      </p>
      <FormErrors errors={errors} />
      <div className="form-row">
        <CodeField label="Current code" name="current-code" maxLength={40} inputClassName="narrow" value={code} onChange={setCode} />
        <button type="button" disabled={busy} onClick={() => void act('codes')}>
          New recovery codes
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void act('disable')}>
          Turn off two-factor authentication
        </button>
      </div>
    </form>
  );
}
