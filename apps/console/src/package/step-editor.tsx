import { useEffect, useState } from 'react';
import { packageOses, type PackageOs, type PackageVersion, type Sequences, type Step } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { OS_NAMES } from '../ui/os-checks.js';
import { StepActions } from './step-actions.js';
import { StepCard } from './step-card.js';
import { insertStep, jumpTargets, moveStep, newStep, removeStep, replaceStep, sameSequences, setLabel } from './step-edit.js';
import { allFieldHints, submitProblems } from './step-hints.js';

interface Props {
  packageId: string;
  version: PackageVersion;
  editable: boolean;
  onSaved: (detail: Awaited<ReturnType<typeof api.updatePackage>>) => void;
  onDirty: (dirty: boolean) => void;
}

/**
 * The step sequences of the version shown, one tab per system. Edits stay in the browser until
 * "Save steps" sends them all in one PATCH; a reload from the server replaces them only when
 * there is nothing unsaved.
 */
export function StepEditor({ packageId, version, editable, onSaved, onDirty }: Props) {
  const saved = version.sequences;
  const [draft, setDraft] = useState<Sequences>(saved);
  const [base, setBase] = useState(saved);
  const dirty = !sameSequences(draft, saved);
  if (base !== saved) {
    setBase(saved);
    if (sameSequences(draft, base)) setDraft(saved);
  }
  const tabs = packageOses.filter((os) => version.os.includes(os) || (draft[os]?.length ?? 0) > 0);
  const [chosen, setChosen] = useState<PackageOs | null>(null);
  const os = chosen && tabs.includes(chosen) ? chosen : (tabs[0] ?? 'linux');
  const [open, setOpen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  // Another version shown (submitted, or a new one started): start from its steps, all closed.
  const versionKey = `${version.revision}:${version.status}`;
  const [shownVersion, setShownVersion] = useState(versionKey);
  if (shownVersion !== versionKey) {
    setShownVersion(versionKey);
    setOpen(null);
    setNote(null);
  }
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const steps = draft[os] ?? [];
  const files = version.files.map((f) => f.name);
  const targets = jumpTargets(steps);
  const hints = allFieldHints(draft);
  const problems = submitProblems(version.os, draft, files);
  const update = (next: Step[]) => {
    setDraft((d) => ({ ...d, [os]: next }));
    setNote(null);
  };

  async function save() {
    setBusy(true);
    setNote(null);
    try {
      onSaved(await api.updatePackage(packageId, { sequences: draft }));
      setNote({ kind: 'success', text: 'Steps saved.' });
    } catch (failure) {
      setNote({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="steps-title">
      <header className="panel-head">
        <h2 id="steps-title">Steps</h2>
        <div className="segmented end" role="group" aria-label="System">
          {tabs.map((tab) => (
            <button
              key={tab}
              type="button"
              aria-pressed={tab === os}
              onClick={() => {
                setChosen(tab);
                setOpen(null);
              }}
            >
              {OS_NAMES[tab]} <span className="count">{draft[tab]?.length ?? 0}</span>
            </button>
          ))}
        </div>
      </header>
      {steps.length === 0 && (
        <p className="muted">
          No {OS_NAMES[os]} steps yet.{editable && ' Add the first one below.'}
        </p>
      )}
      <ol className="steps">
        {steps.map((step, index) => (
          <StepCard
            key={index}
            step={step}
            index={index}
            count={steps.length}
            open={open === index}
            editable={editable}
            hints={hints.get(`${os}:${index}`) ?? []}
            problems={problems.filter((p) => p.os === os && p.step === index + 1)}
            targets={targets}
            files={files}
            onToggle={() => setOpen(open === index ? null : index)}
            onMove={(by) => {
              update(moveStep(steps, index, by));
              if (open === index) setOpen(index + by);
            }}
            onDelete={() => {
              update(removeStep(steps, index));
              setOpen(null);
            }}
            onChange={(changed) => update(replaceStep(steps, index, changed))}
            onLabel={(label) => update(setLabel(steps, index, label))}
          />
        ))}
      </ol>
      {editable && (
        <StepActions
          dirty={dirty}
          busy={busy}
          blocked={hints.size > 0}
          note={note}
          problems={problems.filter((p) => p.step === null)}
          onAdd={(action) => {
            update(insertStep(steps, steps.length, newStep(action, os, files)));
            setOpen(steps.length);
          }}
          onUndo={() => {
            setDraft(saved);
            setOpen(null);
            setNote(null);
          }}
          onSave={() => void save()}
        />
      )}
    </section>
  );
}
