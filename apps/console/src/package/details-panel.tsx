import { useEffect, useState, type FormEvent } from 'react';
import type { PackageDetail, PackageOs } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { dateTime } from '../format.js';
import { Facts } from '../machine/facts.js';
import { Alert } from '../ui/alert.js';
import { OsChecks, osList } from '../ui/os-checks.js';
import { SubmitButton } from '../ui/submit-button.js';

interface Props {
  pkg: PackageDetail;
  editable: boolean;
  onSaved: (detail: PackageDetail) => void;
  onDirty: (dirty: boolean) => void;
}

/** Who and where, and the version's label, description and systems: a form on a pending version. */
export function DetailsPanel({ pkg, editable, onSaved, onDirty }: Props) {
  const current = pkg.current;
  const [version, setVersion] = useState(current.version);
  const [description, setDescription] = useState(current.description);
  const [os, setOs] = useState<PackageOs[]>(current.os);
  const [shown, setShown] = useState(current);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const dirty = version !== current.version || description !== current.description || os.join() !== current.os.join();
  // A version saved or reloaded replaces what the form shows, unless the form has unsaved changes.
  if (shown !== current) {
    setShown(current);
    if (version === shown.version && description === shown.description && os.join() === shown.os.join()) {
      setVersion(current.version);
      setDescription(current.description);
      setOs(current.os);
    }
  }
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (os.length === 0) {
      setNote({ kind: 'error', text: 'Choose at least one system the package is for.' });
      return;
    }
    setBusy(true);
    setNote(null);
    try {
      onSaved(await api.updatePackage(pkg.id, { version: version.trim(), description: description.trim(), os }));
      setNote({ kind: 'success', text: 'Details saved.' });
    } catch (failure) {
      setNote({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  const facts = (
    <Facts
      facts={[
        ['Entity', pkg.entityName],
        ['Created', `${dateTime(pkg.createdAt)} by ${pkg.createdBy}`],
        ['Revision', `${current.revision} (${current.status})`],
        ['Digest', current.digest && <span className="mono">{current.digest}</span>],
      ]}
    />
  );
  if (!editable) {
    return (
      <section className="panel summary" aria-label="Details">
        {facts}
        <Facts
          facts={[
            ['Version', current.version],
            ['Systems', osList(current.os)],
            ['Submitted', current.submittedAt && `${dateTime(current.submittedAt)} by ${current.submittedBy ?? '?'}`],
            ['Description', current.description],
          ]}
        />
      </section>
    );
  }
  return (
    <form className="panel stack-form" onSubmit={(event) => void save(event)} aria-label="Details">
      {facts}
      <div className="form-row">
        <label>
          Version
          <input required maxLength={64} className="narrow" value={version} onChange={(e) => setVersion(e.target.value)} />
        </label>
        <OsChecks value={os} onChange={setOs} />
        <label className="grow">
          Description
          <textarea rows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <SubmitButton busy={busy} busyText="Saving…" disabled={busy || !dirty} primary={false}>
          Save details
        </SubmitButton>
      </div>
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
    </form>
  );
}
