import { useState, type FormEvent } from 'react';
import type { PackageOs } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { navigate } from '../router.js';
import { packagePath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { OsChecks } from '../ui/os-checks.js';

/** Name, first version, systems and description: the package is created pending, and opened to add files and steps. */
export function NewPackageForm({ onCancel }: { onCancel: () => void }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('1.0');
  const [os, setOs] = useState<PackageOs[]>([]);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (os.length === 0) {
      setError('Choose at least one system the package is for.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.createPackage({
        name: name.trim(),
        version: version.trim(),
        os,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      navigate(packagePath(created.id));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-package-title">
      <h2 id="new-package-title">New package</h2>
      {error && <Alert>{error}</Alert>}
      <div className="form-row">
        <label className="grow">
          Name
          <input
            name="name"
            required
            maxLength={128}
            pattern="[A-Za-z0-9][A-Za-z0-9 ._+\(\)\-]*"
            title="Letters, digits, spaces and . _ + ( ) -"
            placeholder="e.g. Firefox ESR"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          Version
          <input
            name="version"
            required
            maxLength={64}
            pattern="[A-Za-z0-9][A-Za-z0-9._+~\-]*"
            title="Letters, digits and . _ + ~ -"
            className="narrow"
            value={version}
            onChange={(e) => setVersion(e.target.value)}
          />
        </label>
        <OsChecks value={os} onChange={setOs} />
      </div>
      <label>
        Description <span className="muted">(optional)</span>
        <textarea name="description" rows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create package'}
        </button>
        <button type="button" className="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
