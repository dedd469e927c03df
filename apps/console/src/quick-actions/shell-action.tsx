import type { FormEvent } from 'react';
import { ErrorList } from '../ui/form-errors.js';
import { ShellSelect } from '../ui/shell-select.js';
import { SubmitButton } from '../ui/submit-button.js';
import { NumberTextField } from '../ui/text-field.js';
import { useForm } from '../ui/use-form.js';
import { emptyShell, shellArgs, type ShellForm } from './command-args.js';
import { CommandResult } from './command-result.js';
import { useCommand } from './use-command.js';

/** Runs a command on the machine and shows its exit code and last lines. */
export function ShellAction({ machineId, onSent }: { machineId: string; onSent: () => void }) {
  const { form, change, field } = useForm<ShellForm>(emptyShell);
  const command = useCommand(machineId, onSent);
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
          <NumberTextField label="Time limit (s)" placeholder="60" {...field('timeoutS')} />
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
        <ErrorList errors={command.errors} />
        <div className="form-actions">
          <SubmitButton busy={command.busy} busyText="Running…">
            Run
          </SubmitButton>
          <span className="field-note muted">
            Runs in the agent&apos;s temporary directory, as the agent&apos;s user; Ctrl+Enter runs it.
          </span>
        </div>
        {command.result && <CommandResult name="shell.run" result={command.result} testId="shell-result" />}
      </fieldset>
    </form>
  );
}
