import { useState } from 'react';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';

interface Props {
  onDisabled: () => void;
  onNewCodes: (codes: string[]) => void;
}

/** With the second factor on: new recovery codes, or turning it off; both need a current code. */
export function TotpManage({ onDisabled, onNewCodes }: Props) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(kind: 'codes' | 'disable') {
    const value = code.replace(/\s+/g, '');
    if (value.length < 6) return setError('Enter the code your authenticator app shows first.');
    setBusy(true);
    setError(null);
    try {
      if (kind === 'codes') onNewCodes((await accountApi.newRecoveryCodes(value)).recoveryCodes);
      else {
        await accountApi.disableTotp(value);
        onDisabled();
      }
    } catch (failure) {
      setError(errorMessage(failure));
      setCode('');
      setBusy(false);
    }
  }

  return (
    <form className="stack-form" onSubmit={(event) => event.preventDefault()} aria-label="Manage two-factor authentication">
      <p className="muted">
        Each login asks for a code from your authenticator app. New recovery codes replace the old ones, which stop working.
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="form-row">
        <label>
          Current code
          <input
            name="current-code"
            autoComplete="one-time-code"
            required
            minLength={6}
            maxLength={40}
            className="narrow"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
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
