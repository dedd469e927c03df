import type { Profile } from '@pons/protocol';
import { count } from '../format.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { grantsOf, grantsSummary } from './profile-form.js';

interface Props {
  profiles: Profile[] | null;
  canChange: boolean;
  onOpen: (profile: Profile) => void;
  onDelete: (profile: Profile) => Promise<void>;
}

export function ProfileTable({ profiles, canChange, onOpen, onDelete }: Props) {
  if (profiles === null) return <p className="muted">Loading…</p>;
  return (
    <div className="table-wrap">
      <table className="grid profiles">
        <thead>
          <tr>
            <th scope="col">Profile</th>
            <th scope="col">Kind</th>
            <th scope="col">Grants</th>
            <th scope="col" className="num">
              Users
            </th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((profile) => {
            const editable = canChange && !profile.builtin;
            return (
              <tr key={profile.id} data-testid={`profile-row-${profile.name}`}>
                <td className="name">{profile.name}</td>
                <td>{profile.builtin ? 'Built-in' : 'Custom'}</td>
                <td>{profile.superAdmin ? 'everything, everywhere' : grantsSummary(grantsOf(profile))}</td>
                <td className="num">{count(profile.users)}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={`${editable ? 'Edit' : 'View'} ${profile.name}`}
                    onClick={() => onOpen(profile)}
                  >
                    {editable ? 'Edit' : 'View'}
                  </button>{' '}
                  {editable && (
                    <ConfirmButton label="Delete" confirm="Delete now" what={profile.name} onConfirm={() => onDelete(profile)} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
