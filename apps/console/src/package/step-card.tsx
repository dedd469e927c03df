import type { Step } from '@pons/protocol';
import { STEP_ACTIONS } from './step-edit.js';
import { stepSummary, type StepProblem } from './step-hints.js';
import { StepFields } from './step-fields.js';

interface Props {
  step: Step;
  index: number;
  count: number;
  open: boolean;
  editable: boolean;
  hints: readonly string[];
  problems: readonly StepProblem[];
  targets: readonly string[];
  files: readonly string[];
  onToggle: () => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  onChange: (step: Step) => void;
  onLabel: (label: string) => void;
}

const actionName = (step: Step) => STEP_ACTIONS.find((a) => a.action === step.action)?.label ?? step.action;

/** One step: its number, label and a line saying what it does; open, its fields. */
export function StepCard(props: Props) {
  const { step, index, count, open, editable, hints, problems } = props;
  const n = index + 1;
  const flagged = hints.length > 0 || problems.length > 0;
  return (
    <li className={`step-card${open ? ' open' : ''}${flagged ? ' flagged' : ''}`} data-testid={`step-${n}`}>
      <div className="step-head">
        <span className="step-no" aria-label={`Step ${n}`}>
          {n}
        </span>
        {step.label && <span className="step-label mono">{step.label}</span>}
        <span className="step-action">{actionName(step)}</span>
        <span className="step-summary mono" title={stepSummary(step)}>
          {stepSummary(step)}
        </span>
        {step.next && <span className="muted nowrap">then → {step.next}</span>}
        {!editable && (
          <button type="button" className="small ghost step-tools" aria-expanded={open} onClick={props.onToggle}>
            {open ? 'Hide' : 'Show'}
          </button>
        )}
        {editable && (
          <span className="step-tools">
            <button type="button" className="small" aria-expanded={open} onClick={props.onToggle}>
              {open ? 'Close' : 'Edit'}
            </button>
            <button
              type="button"
              className="small ghost"
              aria-label={`Move step ${n} up`}
              disabled={index === 0}
              onClick={() => props.onMove(-1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="small ghost"
              aria-label={`Move step ${n} down`}
              disabled={index === count - 1}
              onClick={() => props.onMove(1)}
            >
              ↓
            </button>
            <button type="button" className="small ghost danger-text" aria-label={`Delete step ${n}`} onClick={props.onDelete}>
              ✕
            </button>
          </span>
        )}
      </div>
      {flagged && (
        <ul className="step-hints">
          {hints.map((hint) => (
            <li key={hint} className="error-text">
              {hint}
            </li>
          ))}
          {problems.map((problem) => (
            <li key={problem.message}>{problem.message}</li>
          ))}
        </ul>
      )}
      {open && (
        <fieldset className="plain-fieldset" disabled={!editable}>
          <StepFields step={step} targets={props.targets} files={props.files} onChange={props.onChange} onLabel={props.onLabel} />
        </fieldset>
      )}
    </li>
  );
}
