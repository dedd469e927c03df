import { useState } from 'react';
import type { Profile } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { Alert } from '../ui/alert.js';
import { useList } from '../ui/use-list.js';
import { useTitle } from '../ui/use-title.js';
import { ProfileEditor } from './profile-editor.js';
import { ProfileTable } from './profile-table.js';

/** Which profile the editor shows: a new one, or one from the list. */
type Open = { profile: Profile | null } | null;

/** Profiles: sets of permissions per feature, held by users on entities. Built-in ones are shown, not changed. */
export function ProfilesSection({ canChange }: { canChange: boolean }) {
  const profiles = useList(adminApi.profiles);
  const [open, setOpen] = useState<Open>(null);
  useTitle('Profiles');

  function saved() {
    setOpen(null);
    profiles.load();
  }

  // Built-in profiles and profiles some user still holds are refused; the server says which.
  const remove = (profile: Profile) =>
    profiles.change(async () => {
      await adminApi.deleteProfile(profile.id);
      if (open?.profile?.id === profile.id) setOpen(null);
    });

  return (
    <section aria-labelledby="profiles-title">
      <div className="panel-head">
        <h2 id="profiles-title">Profiles</h2>
        {canChange && open === null && (
          <button type="button" className="primary end" onClick={() => setOpen({ profile: null })}>
            New profile
          </button>
        )}
      </div>
      {profiles.error && <Alert>{profiles.error}</Alert>}
      {open && (
        <ProfileEditor
          key={open.profile?.id ?? 'new'}
          profile={open.profile}
          canChange={canChange}
          onSaved={saved}
          onClose={() => setOpen(null)}
        />
      )}
      <ProfileTable profiles={profiles.items} canChange={canChange} onOpen={(profile) => setOpen({ profile })} onDelete={remove} />
    </section>
  );
}
