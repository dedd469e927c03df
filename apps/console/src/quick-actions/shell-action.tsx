import { useState, type FormEvent } from 'react';
import { ShellSelect } from '../ui/shell-select.js';
import { emptyShell, shellArgs, type ShellForm } from './command-args.js';
import { CommandResult, Errors } from './command-result.js';
import { useCommand } from './use-command.js';

/** Runs a command on the machine and shows its exit code and last lines. */
export function ShellAction({ machineId, onSent }: { machineId: string; onSent: () => void }) {
  const [form, setForm] = useState<ShellForm>(emptyShell);
  const command = useCommand(machineId, onSent);
  const change = (changes: Partial<ShellForm>) => setForm((f) => ({ ...f, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.run('shell.run', shellArgs(form));
  };
  return (
    <form className="quick-action wide" onSubmit={submit}>
      <fieldset className="panel">
        <legend>Run a command</legend>
        <div className="form-row">
          <ShellSelect value={form.shell} onChange={(shell) => change({ shell })} />
          <label>
            Time limit (s)
            <input
              inputMode="numeric"
              className="narrow"
              placeholder="60"
              value={form.timeoutS}
              onChange={(e) => change({ timeoutS: e.target.value })}
            />
          </label>
        </div>
        <label>
          Command
          <textarea
            className="mono"
            rows={3}
            spellCheck={false}
            value={form.command}
            onChange={(e) => change({ command: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
            }}
          />
        </label>
        <Errors errors={command.errors} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={command.busy}>
            {command.busy ? 'Running…' : 'Run'}
          </button>
          <span className="field-note muted">
            Runs in the agent&apos;s temporary directory, as the agent&apos;s user; Ctrl+Enter runs it.
          </span>
        </div>
        {command.result && <CommandResult name="shell.run" result={command.result} testId="shell-result" />}
      </fieldset>
    </form>
  );
}
