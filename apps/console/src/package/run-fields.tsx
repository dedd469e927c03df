import { ShellSelect } from '../ui/shell-select.js';
import type { Branch } from '@pons/protocol';
import { CodesField, JumpSelect, NumberField } from './fields.js';
import { editStep, END_ERROR, type StepOf } from './step-edit.js';

/** The shells a command runs in (the protocol's `Shell`; a test holds the two together). */

type Run = StepOf<'run'>;

/** A command step: shell and command, time limit, success codes, branches on the return code. */
export function RunFields({ step, targets, onChange }: { step: Run; targets: readonly string[]; onChange: (step: Run) => void }) {
  const set = (changes: Partial<Run>) => onChange(editStep(step, changes));
  const branches = step.branches ?? [];
  const setBranches = (next: Branch[]) => set({ branches: next.length > 0 ? next : undefined });
  const setBranch = (at: number, changes: Partial<Branch>) => setBranches(branches.map((b, i) => (i === at ? { ...b, ...changes } : b)));
  return (
    <>
      <div className="form-row">
        <ShellSelect value={step.shell} onChange={(shell) => set({ shell })} />
        <NumberField
          label="Timeout (s)"
          value={step.timeoutS}
          min={1}
          max={604_800}
          placeholder="800"
          onChange={(timeoutS) => set({ timeoutS })}
        />
        <CodesField value={step.successCodes} onChange={(successCodes) => set({ successCodes })} />
        <JumpSelect
          label="On failure"
          value={step.onFailure}
          targets={targets}
          none="fail the deployment"
          onChange={(onFailure) => set({ onFailure })}
        />
      </div>
      <label>
        Command
        <textarea
          className="mono"
          rows={Math.min(12, Math.max(3, step.command.split('\n').length + 1))}
          spellCheck={false}
          aria-invalid={step.command.trim() === ''}
          placeholder={
            step.shell === 'powershell' || step.shell === 'cmd' ? 'Start-Process .\\setup.exe -ArgumentList /S -Wait' : 'sh ./install.sh'
          }
          value={step.command}
          onChange={(e) => set({ command: e.target.value })}
        />
      </label>
      <p className="field-note muted">
        Runs in the package directory. <code>@@@PACKAGE_DIRECTORY_ABS_MACHINE@@@</code> (or <code>$PONS_PACKAGE_DIR</code>) is that
        directory, <code>@@@PREC_RETURNCODE@@@</code> the previous command's return code.
      </p>
      <fieldset className="branches">
        <legend>Branches on the return code</legend>
        {branches.length === 0 && <p className="muted">None: a success code goes on to the next step, any other code fails.</p>}
        {branches.map((branch, index) => (
          <div className="form-row branch" key={index}>
            <label>
              When the code is
              <input
                className="codes mono"
                aria-invalid={branch.when.trim() === ''}
                placeholder="==3"
                value={branch.when}
                onChange={(e) => setBranch(index, { when: e.target.value })}
              />
            </label>
            <JumpSelect label="go to" value={branch.goto} targets={targets} onChange={(goto) => setBranch(index, { goto: goto ?? '' })} />
            <button type="button" className="small ghost" onClick={() => setBranches(branches.filter((_, i) => i !== index))}>
              Remove branch
            </button>
          </div>
        ))}
        <button type="button" className="small" onClick={() => setBranches([...branches, { when: '!=0', goto: END_ERROR }])}>
          Add branch
        </button>
        <p className="field-note muted">
          Tried in order, before the success codes: <code>0</code>, <code>==3</code>, <code>!=0</code>, <code>&lt;3</code>,{' '}
          <code>&gt;=2</code>, <code>IN 1,2</code>, <code>OUT 0,3010</code>. END_SUCCESS and END_ERROR end the deployment.
        </p>
      </fieldset>
    </>
  );
}
