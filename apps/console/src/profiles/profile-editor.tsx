import { useState, type FormEvent } from 'react';
import type { Grants, Profile } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { FormErrors } from '../ui/form-errors.js';
import { PermissionMatrix } from '../ui/permission-matrix.js';
import { CancelButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';
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
  const { busy, errors, run, fail } = useSubmit();
  const readOnly = !canChange || (profile?.builtin ?? false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = profileRequest(name, grants);
    if (result.errors) return fail([result.errors.join(' ')]);
    await run(async () => {
      if (profile) await adminApi.saveProfile(profile.id, result.request);
      else await adminApi.createProfile(result.request);
      onSaved();
    });
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="profile-editor-title">
      <h3 id="profile-editor-title">{profile ? profile.name : 'New profile'}</h3>
      <FormErrors errors={errors} />
      {profile?.builtin && (
        <p className="muted field-note">A built-in profile: it cannot be changed. Make a custom profile for other rights.</p>
      )}
      {profile?.superAdmin && (
        <p className="muted field-note">Super-Admin holds every permission on every entity, whatever the table says.</p>
      )}
      <fieldset className="plain-fieldset stack-form" disabled={readOnly}>
        <TextField
          label="Profile name"
          className="profile-name"
          name="profile-name"
          required
          maxLength={128}
          value={name}
          onChange={setName}
        />
        <PermissionMatrix caption="Permissions" value={grants} onChange={setGrants} disabled={readOnly} />
      </fieldset>
      <div className="form-actions">
        {!readOnly && (
          <button type="submit" className="primary" disabled={busy}>
            {profile ? 'Save profile' : 'Create profile'}
          </button>
        )}
        <CancelButton busy={busy} onClick={onClose}>
          {readOnly ? 'Close' : 'Cancel'}
        </CancelButton>
      </div>
    </form>
  );
}
