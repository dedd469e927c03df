import { useState, type FormEvent } from 'react';
import { emptyReconfigure, LOG_LEVELS, reconfigureArgs, type ReconfigureForm } from './command-args.js';
import { CommandResult, Errors } from './command-result.js';
import { useCommand } from './use-command.js';

/** Changes the agent's servers (it reconnects) or its log level. */
export function ReconfigureAction({ machineId, onSent }: { machineId: string; onSent: () => void }) {
  const [form, setForm] = useState<ReconfigureForm>(emptyReconfigure);
  const command = useCommand(machineId, onSent);
  const change = (changes: Partial<ReconfigureForm>) => setForm((f) => ({ ...f, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.run('agent.reconfigure', reconfigureArgs(form));
  };
  return (
    <form className="quick-action" onSubmit={submit}>
      <fieldset className="panel">
        <legend>Reconfigure the agent</legend>
        <div className="form-row">
          <label className="grow">
            Servers
            <input
              className="mono"
              placeholder="https://pons.example:8443, … (unchanged when empty)"
              value={form.servers}
              onChange={(e) => change({ servers: e.target.value })}
            />
          </label>
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
        <Errors errors={command.errors} />
        <div className="form-actions">
          <button type="submit" disabled={command.busy}>
            {command.busy ? 'Applying…' : 'Apply'}
          </button>
          <span className="field-note muted">New servers replace the agent&apos;s list; it reconnects to them.</span>
        </div>
        {command.result && <CommandResult name="agent.reconfigure" result={command.result} testId="reconfigure-result" />}
      </fieldset>
    </form>
  );
}
