import { useState } from 'react';
import type { StepAction } from '@pons/protocol';
import { Alert } from '../ui/alert.js';
import { STEP_ACTIONS } from './step-edit.js';
import type { StepProblem } from './step-hints.js';

interface Props {
  dirty: boolean;
  busy: boolean;
  /** Steps with field hints: the server would refuse them, so they cannot be saved yet. */
  blocked: boolean;
  note: { kind: 'error' | 'success'; text: string } | null;
  /** What Submit refuses about a sequence as a whole (no steps, a system not in the list). */
  problems: StepProblem[];
  onAdd: (action: StepAction) => void;
  onUndo: () => void;
  onSave: () => void;
}

/** Below the steps: add one, undo, save them all, and what stands in the way. */
export function StepActions({ dirty, busy, blocked, note, problems, onAdd, onUndo, onSave }: Props) {
  const [adding, setAdding] = useState<StepAction>('run');
  return (
    <>
      <div className="form-row add-step">
        <label>
          New step
          <select value={adding} onChange={(e) => setAdding(e.target.value as StepAction)}>
            {STEP_ACTIONS.map((a) => (
              <option key={a.action} value={a.action}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onAdd(adding)}>
          Add step
        </button>
        <span className="spacer" />
        {blocked && <span className="error-text">Fix the marked steps before saving.</span>}
        {dirty && (
          <button type="button" className="ghost" disabled={busy} onClick={onUndo}>
            Undo changes
          </button>
        )}
        <button type="button" className="primary" disabled={busy || !dirty || blocked} onClick={onSave}>
          {busy ? 'Saving…' : 'Save steps'}
        </button>
      </div>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {dirty && !note && <p className="muted unsaved">Unsaved changes.</p>}
      {problems.length > 0 && (
        <ul className="problems">
          {problems.map((p) => (
            <li key={`${p.os}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
