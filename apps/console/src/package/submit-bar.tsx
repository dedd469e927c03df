import { useState, type ReactNode } from 'react';
import type { PackageDetail } from '@pons/protocol';
import { api, ApiError, errorMessage } from '../api.js';
import { Link } from '../router.js';
import { newDeploymentPath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import type { StepProblem } from './step-hints.js';

interface Props {
  pkg: PackageDetail;
  /** Unsaved edits on the page: submitting now would freeze the version without them. */
  unsaved: boolean;
  onChanged: (detail?: PackageDetail) => void;
  /** The page's title and badges, before the actions. */
  children: ReactNode;
}

type Outcome =
  | { kind: 'submitted'; version: string }
  | { kind: 'refused'; message: string; problems: StepProblem[] }
  | { kind: 'error'; message: string };

function problemsOf(error: unknown): StepProblem[] {
  const problems = error instanceof ApiError ? error.details.problems : undefined;
  return Array.isArray(problems) ? (problems as StepProblem[]) : [];
}

/** The version's actions: submit (or say why the server refuses), discard, start a new version, deploy. */
export function SubmitBar({ pkg, unsaved, onChanged, children }: Props) {
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A refusal is about the version as it was: any change to it (a save, an upload) clears it.
  const [about, setAbout] = useState(pkg.current);
  if (about !== pkg.current) {
    setAbout(pkg.current);
    if (outcome?.kind !== 'submitted') setOutcome(null);
  }
  const pending = pkg.current.status === 'pending';

  async function act(action: () => Promise<PackageDetail | undefined>, after?: Outcome) {
    setBusy(true);
    setOutcome(null);
    try {
      onChanged(await action());
      if (after) setOutcome(after);
    } catch (failure) {
      const problems = problemsOf(failure);
      setOutcome(
        problems.length > 0
          ? { kind: 'refused', message: errorMessage(failure), problems }
          : { kind: 'error', message: errorMessage(failure) },
      );
    } finally {
      setBusy(false);
      setConfirmDiscard(false);
    }
  }

  const submit = () => act(async () => void (await api.submitPackage(pkg.id)), { kind: 'submitted', version: pkg.current.version });
  const discard = () => act(() => api.discardPending(pkg.id));
  // Any change to a submitted package starts the next version from it; this one changes nothing else.
  const edit = () => act(() => api.updatePackage(pkg.id, { description: pkg.current.description }));

  return (
    <>
      <div className="toolbar">
        {children}
        <span className="spacer" />
        {unsaved && pending && <span className="muted">Save your changes before submitting.</span>}
        {pending && pkg.latest && !confirmDiscard && (
          <button type="button" disabled={busy} onClick={() => setConfirmDiscard(true)}>
            Discard version {pkg.current.version}
          </button>
        )}
        {confirmDiscard && (
          <span className="confirm">
            <button type="button" className="danger" disabled={busy} onClick={() => void discard()}>
              Discard its files and steps
            </button>
            <button type="button" className="ghost" disabled={busy} onClick={() => setConfirmDiscard(false)}>
              Keep it
            </button>
          </span>
        )}
        {pending ? (
          <button type="button" className="primary" disabled={busy || unsaved} onClick={() => void submit()}>
            {busy ? 'Submitting…' : 'Submit'}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void edit()}>
            Edit a new version
          </button>
        )}
        {pkg.latest && (
          <Link to={newDeploymentPath(pkg.id, pkg.latest.revision)} className="button primary">
            Deploy…
          </Link>
        )}
      </div>
      {outcome?.kind === 'submitted' && <Alert kind="success">Version {outcome.version} is submitted: it can be deployed now.</Alert>}
      {outcome?.kind === 'error' && <Alert>{outcome.message}</Alert>}
      {outcome?.kind === 'refused' && (
        <div className="alert alert-error" role="alert" data-testid="submit-problems">
          <strong>The server refuses to submit this version:</strong>
          <ul>
            {outcome.problems.map((p, index) => (
              <li key={index}>
                {p.os}
                {p.step !== null && ` step ${p.step}`}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
