import { useState, type FormEvent } from 'react';
import { ErrorList } from '../ui/form-errors.js';
import { NumberTextField, TextField } from '../ui/text-field.js';
import { useForm } from '../ui/use-form.js';
import { emptyPower, powerArgs, type PowerCommand, type PowerForm } from './command-args.js';
import { CommandResult } from './command-result.js';
import { useCommand } from './use-command.js';

const VERB: Record<PowerCommand, string> = { 'machine.reboot': 'Restart', 'machine.shutdown': 'Shut down' };

/** Restart or shut down after a delay, with a message for the user; asked twice. */
export function PowerAction({ machineId, hostname, onSent }: { machineId: string; hostname: string; onSent: () => void }) {
  const { form, field } = useForm<PowerForm>(emptyPower);
  const [confirming, setConfirming] = useState<PowerCommand | null>(null);
  const [sent, setSent] = useState<PowerCommand>('machine.reboot');
  const command = useCommand(machineId, onSent);
  const built = powerArgs(form);

  const ask = (name: PowerCommand) => {
    if (built.errors) void command.run(name, built);
    else setConfirming(name);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) return;
    setSent(confirming);
    setConfirming(null);
    void command.run(confirming, built);
  };
  const when = built.args?.delayS ? `in ${built.args.delayS} s` : 'now';
  return (
    <form className="quick-action" onSubmit={submit}>
      <fieldset className="panel">
        <legend>Restart or shut down</legend>
        <div className="form-row">
          <NumberTextField label="Delay (s)" placeholder="0" {...field('delayS')} />
          <TextField
            label="Message for the user"
            className="grow"
            maxLength={500}
            placeholder="The agent's own sentence"
            {...field('message')}
          />
        </div>
        <ErrorList errors={command.errors} />
        <div className="form-actions">
          {confirming ? (
            <span className="confirm">
              <button type="submit" className="danger" disabled={command.busy}>
                {VERB[confirming]} {hostname} {when}
              </button>
              <button type="button" className="ghost" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </span>
          ) : (
            <>
              <button type="button" disabled={command.busy} onClick={() => ask('machine.reboot')}>
                Restart…
              </button>
              <button type="button" disabled={command.busy} onClick={() => ask('machine.shutdown')}>
                Shut down…
              </button>
            </>
          )}
        </div>
        {command.result && <CommandResult name={sent} result={command.result} testId="power-result" />}
      </fieldset>
    </form>
  );
}
