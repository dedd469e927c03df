import { useEffect, useState, type FormEvent } from 'react';
import { adminApi } from '../admin-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { TextField } from '../ui/text-field.js';

const MINUTE = 60_000;
const MAX_MINUTES = 7 * 24 * 60;

/** How long an unused session lasts (Medulla's session timeout). */
export function SecurityForm({ canChange }: { canChange: boolean }) {
  const [minutes, setMinutes] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    adminApi.security().then(
      (settings) => setMinutes(String(Math.round(settings.sessionIdleTimeoutMs / MINUTE))),
      (failure: unknown) => setMessage({ kind: 'error', text: errorMessage(failure) }),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1 || value > MAX_MINUTES) {
      setMessage({ kind: 'error', text: `Idle timeout: a whole number of minutes from 1 to ${MAX_MINUTES} (7 days).` });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await adminApi.saveSecurity({ sessionIdleTimeoutMs: value * MINUTE });
      setMinutes(String(Math.round(saved.sessionIdleTimeoutMs / MINUTE)));
      setMessage({ kind: 'success', text: 'Idle timeout saved.' });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="security-title">
      <h3 id="security-title">Sessions</h3>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {minutes === null ? (
        !message && <p className="muted">Loading…</p>
      ) : (
        <div className="form-row">
          <TextField
            label="Session idle timeout (minutes)"
            type="number"
            min={1}
            max={MAX_MINUTES}
            step={1}
            required
            className="narrow-field"
            disabled={!canChange}
            value={minutes}
            onChange={setMinutes}
          />
          {canChange && (
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save timeout'}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
