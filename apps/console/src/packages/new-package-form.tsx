import { useState, type FormEvent } from 'react';
import type { PackageOs } from '@pons/protocol';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { packagePath } from '../routes.js';
import { FormErrors } from '../ui/form-errors.js';
import { OsChecks } from '../ui/os-checks.js';
import { CancelButton, SubmitButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';

/** Name, first version, systems and description: the package is created pending, and opened to add files and steps. */
export function NewPackageForm({ onCancel }: { onCancel: () => void }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('1.0');
  const [os, setOs] = useState<PackageOs[]>([]);
  const [description, setDescription] = useState('');
  const { busy, errors, run, fail } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (os.length === 0) return fail(['Choose at least one system the package is for.']);
    await run(async () => {
      const created = await api.createPackage({
        name: name.trim(),
        version: version.trim(),
        os,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      navigate(packagePath(created.id));
    });
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-package-title">
      <h2 id="new-package-title">New package</h2>
      <FormErrors errors={errors} />
      <div className="form-row">
        <TextField
          label="Name"
          className="grow"
          name="name"
          required
          maxLength={128}
          pattern="[A-Za-z0-9][A-Za-z0-9 ._+\(\)\-]*"
          title="Letters, digits, spaces and . _ + ( ) -"
          placeholder="e.g. Firefox ESR"
          autoFocus
          value={name}
          onChange={setName}
        />
        <TextField
          label="Version"
          name="version"
          required
          maxLength={64}
          pattern="[A-Za-z0-9][A-Za-z0-9._+~\-]*"
          title="Letters, digits and . _ + ~ -"
          inputClassName="narrow"
          value={version}
          onChange={setVersion}
        />
        <OsChecks value={os} onChange={setOs} />
      </div>
      <label>
        Description <span className="muted">(optional)</span>
        <textarea name="description" rows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <div className="form-actions">
        <SubmitButton busy={busy} busyText="Creating…">
          Create package
        </SubmitButton>
        <CancelButton busy={busy} onClick={onCancel} />
      </div>
    </form>
  );
}
