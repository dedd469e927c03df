import type { Step } from '@pons/protocol';
import { JumpSelect, NumberField } from './fields.js';
import { RunFields } from './run-fields.js';
import { editStep } from './step-edit.js';

interface Props {
  step: Step;
  targets: readonly string[];
  files: readonly string[];
  onChange: (step: Step) => void;
  onLabel: (label: string) => void;
}

const optional = (text: string) => (text === '' ? undefined : text);

/** The fields of one step: its label and where it goes next, then what its action needs. */
export function StepFields({ step, targets, files, onChange, onLabel }: Props) {
  return (
    <div className="step-fields">
      <div className="form-row">
        <label>
          Label
          <input
            className="mono"
            placeholder="none"
            maxLength={64}
            title="A name branches can jump to"
            value={step.label ?? ''}
            onChange={(e) => onLabel(e.target.value.trim())}
          />
        </label>
        <JumpSelect
          label="Then go to"
          value={step.next}
          targets={targets}
          none="the next step"
          onChange={(next) => onChange(editStep(step, { next }))}
        />
        <label className="grow">
          Comment
          <input
            maxLength={500}
            value={step.comment ?? ''}
            onChange={(e) => onChange(editStep(step, { comment: optional(e.target.value) }))}
          />
        </label>
      </div>
      <ActionFields step={step} targets={targets} files={files} onChange={onChange} />
    </div>
  );
}

function ActionFields({ step, targets, files, onChange }: Omit<Props, 'onLabel'>) {
  switch (step.action) {
    case 'run':
      return <RunFields step={step} targets={targets} onChange={onChange} />;
    case 'reboot':
      return (
        <div className="form-row">
          <NumberField
            label="Delay (s)"
            value={step.delayS}
            min={0}
            max={3600}
            placeholder="0"
            onChange={(delayS) => onChange(editStep(step, { delayS }))}
          />
          <label className="grow">
            Message to the user
            <input
              maxLength={500}
              value={step.message ?? ''}
              onChange={(e) => onChange(editStep(step, { message: optional(e.target.value) }))}
            />
          </label>
        </div>
      );
    case 'wait':
      return (
        <NumberField
          label="Seconds"
          value={step.seconds}
          min={1}
          max={86_400}
          required
          onChange={(seconds) => seconds && onChange(editStep(step, { seconds }))}
        />
      );
    case 'notify':
      return (
        <div className="form-row">
          <label>
            Title
            <input
              maxLength={200}
              value={step.title ?? ''}
              onChange={(e) => onChange(editStep(step, { title: optional(e.target.value) }))}
            />
          </label>
          <label className="grow">
            Message
            <input
              maxLength={2000}
              aria-invalid={step.message.trim() === ''}
              value={step.message}
              onChange={(e) => onChange(editStep(step, { message: e.target.value }))}
            />
          </label>
        </div>
      );
    case 'setenv':
      return (
        <div className="form-row">
          <label>
            Variable
            <input
              className="mono"
              maxLength={128}
              value={step.name}
              onChange={(e) => onChange(editStep(step, { name: e.target.value.trim() }))}
            />
          </label>
          <label className="grow">
            Value
            <input
              className="mono"
              maxLength={8192}
              value={step.value}
              onChange={(e) => onChange(editStep(step, { value: e.target.value }))}
            />
          </label>
        </div>
      );
    case 'unzip':
      return (
        <div className="form-row">
          <label>
            Zip file
            <select value={step.file} onChange={(e) => onChange(editStep(step, { file: e.target.value }))}>
              <option value="">Choose a file…</option>
              {step.file && !files.includes(step.file) && <option value={step.file}>{step.file} (not uploaded)</option>}
              {files.map((file) => (
                <option key={file} value={file}>
                  {file}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Into folder <span className="muted">(optional, inside the package directory)</span>
            <input
              className="mono"
              value={step.to ?? ''}
              onChange={(e) => onChange(editStep(step, { to: optional(e.target.value.trim()) }))}
            />
          </label>
        </div>
      );
    case 'error':
      return (
        <label>
          Message
          <input
            maxLength={2000}
            value={step.message ?? ''}
            onChange={(e) => onChange(editStep(step, { message: optional(e.target.value) }))}
          />
        </label>
      );
    case 'success':
      return null;
  }
}
