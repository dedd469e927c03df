import { useEffect, useState, type FormEvent } from 'react';
import { adminApi } from '../admin-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';

const MINUTE = 60_000;
const MAX_MINUTES = 7 * 24 * 60;

/** How long an unused session lasts (Medulla's session timeout). */
export function SecurityForm({ canChange }: { canChange: boolean }) {
  const [minutes, setMinutes] = useState<string | null>(null);
  const { busy, errors, done, run, fail } = useSubmit();

  useEffect(() => {
    adminApi.security().then(
      (settings) => setMinutes(String(Math.round(settings.sessionIdleTimeoutMs / MINUTE))),
      (failure: unknown) => fail([errorMessage(failure)]),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1 || value > MAX_MINUTES) {
      return fail([`Idle timeout: a whole number of minutes from 1 to ${MAX_MINUTES} (7 days).`]);
    }
    await run(async () => {
      const saved = await adminApi.saveSecurity({ sessionIdleTimeoutMs: value * MINUTE });
      setMinutes(String(Math.round(saved.sessionIdleTimeoutMs / MINUTE)));
      return 'Idle timeout saved.';
    });
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="security-title">
      <h3 id="security-title">Sessions</h3>
      <FormErrors errors={errors} />
      {done && <Alert kind="success">{done}</Alert>}
      {minutes === null ? (
        errors.length === 0 && <p className="muted">Loading…</p>
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
            <SubmitButton busy={busy} busyText="Saving…" primary={false}>
              Save timeout
            </SubmitButton>
          )}
        </div>
      )}
    </form>
  );
}
