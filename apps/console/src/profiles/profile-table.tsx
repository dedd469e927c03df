import type { Profile } from '@pons/protocol';
import { count } from '../format.js';
import { ACTIONS, DataTable, RowButtons } from '../ui/data-table.js';
import { grantsOf, grantsSummary } from './profile-form.js';

interface Props {
  profiles: Profile[] | null;
  canChange: boolean;
  onOpen: (profile: Profile) => void;
  onDelete: (profile: Profile) => Promise<void>;
}

const COLUMNS = ['Profile', 'Kind', 'Grants', { label: 'Users', num: true }, ACTIONS];

export function ProfileTable({ profiles, canChange, onOpen, onDelete }: Props) {
  return (
    <DataTable
      className="grid profiles"
      columns={COLUMNS}
      rows={profiles}
      row={(profile) => {
        const editable = canChange && !profile.builtin;
        return (
          <tr key={profile.id} data-testid={`profile-row-${profile.name}`}>
            <td className="name">{profile.name}</td>
            <td>{profile.builtin ? 'Built-in' : 'Custom'}</td>
            <td>{profile.superAdmin ? 'everything, everywhere' : grantsSummary(grantsOf(profile))}</td>
            <td className="num">{count(profile.users)}</td>
            <td className="actions">
              <RowButtons
                name={profile.name}
                edit={editable}
                onOpen={() => onOpen(profile)}
                onDelete={editable ? () => onDelete(profile) : undefined}
              />
            </td>
          </tr>
        );
      }}
    />
  );
}
