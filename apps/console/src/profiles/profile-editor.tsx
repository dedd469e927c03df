import { useState, type FormEvent } from 'react';
import type { Grants, Profile } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { PermissionMatrix } from '../ui/permission-matrix.js';
import { grantsOf, profileRequest } from './profile-form.js';

interface Props {
  /** null: a new profile. */
  profile: Profile | null;
  canChange: boolean;
  onSaved: () => void;
  onClose: () => void;
}

/** A profile's name and its level per feature; built-in profiles (and everything, for read-only administrators) are shown only. */
export function ProfileEditor({ profile, canChange, onSaved, onClose }: Props) {
  const [name, setName] = useState(profile?.name ?? '');
  const [grants, setGrants] = useState<Grants>(profile ? grantsOf(profile) : {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const readOnly = !canChange || (profile?.builtin ?? false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = profileRequest(name, grants);
    if (result.errors) return setError(result.errors.join(' '));
    setBusy(true);
    setError(null);
    try {
      if (profile) await adminApi.saveProfile(profile.id, result.request);
      else await adminApi.createProfile(result.request);
      onSaved();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="profile-editor-title">
      <h3 id="profile-editor-title">{profile ? profile.name : 'New profile'}</h3>
      {error && <Alert>{error}</Alert>}
      {profile?.builtin && (
        <p className="muted field-note">A built-in profile: it cannot be changed. Make a custom profile for other rights.</p>
      )}
      {profile?.superAdmin && (
        <p className="muted field-note">Super-Admin holds every permission on every entity, whatever the table says.</p>
      )}
      <fieldset className="plain-fieldset stack-form" disabled={readOnly}>
        <label className="profile-name">
          Profile name
          <input name="profile-name" required maxLength={128} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <PermissionMatrix caption="Permissions" value={grants} onChange={setGrants} disabled={readOnly} />
      </fieldset>
      <div className="form-actions">
        {!readOnly && (
          <button type="submit" className="primary" disabled={busy}>
            {profile ? 'Save profile' : 'Create profile'}
          </button>
        )}
        <button type="button" className="ghost" onClick={onClose} disabled={busy}>
          {readOnly ? 'Close' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
