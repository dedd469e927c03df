import type { FormEvent } from 'react';
import { ErrorList } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useForm } from '../ui/use-form.js';
import { emptyReconfigure, LOG_LEVELS, reconfigureArgs, type ReconfigureForm } from './command-args.js';
import { CommandResult } from './command-result.js';
import { useCommand } from './use-command.js';

/** Changes the agent's servers (it reconnects) or its log level. */
export function ReconfigureAction({ machineId, onSent }: { machineId: string; onSent: () => void }) {
  const { form, change, field } = useForm<ReconfigureForm>(emptyReconfigure);
  const command = useCommand(machineId, onSent);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.run('agent.reconfigure', reconfigureArgs(form));
  };
  return (
    <form className="quick-action" onSubmit={submit}>
      <fieldset className="panel">
        <legend>Reconfigure the agent</legend>
        <div className="form-row">
          <TextField
            label="Servers"
            className="grow"
            inputClassName="mono"
            placeholder="https://pons.example:8443, … (unchanged when empty)"
            {...field('servers')}
          />
          <label>
            Log level
            <select value={form.logLevel} onChange={(e) => change({ logLevel: e.target.value as ReconfigureForm['logLevel'] })}>
              <option value="">unchanged</option>
              {LOG_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorList errors={command.errors} />
        <div className="form-actions">
          <SubmitButton busy={command.busy} busyText="Applying…" primary={false}>
            Apply
          </SubmitButton>
          <span className="field-note muted">New servers replace the agent&apos;s list; it reconnects to them.</span>
        </div>
        {command.result && <CommandResult name="agent.reconfigure" result={command.result} testId="reconfigure-result" />}
      </fieldset>
    </form>
  );
}
