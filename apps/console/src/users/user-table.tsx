import type { UserSummary } from '@pons/protocol';
import { Link } from '../router.js';
import { adminUserPath } from '../routes.js';
import { DataTable } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';

export const SOURCE_TEXT: Record<UserSummary['source'], string> = { local: 'Local', ldap: 'LDAP', oidc: 'Single sign-on' };

export function UserTable({ users }: { users: UserSummary[] | null }) {
  return (
    <DataTable
      className="grid users"
      columns={['User name', 'Name', 'Source', 'Profiles', '2FA', 'Last login', 'State']}
      rows={users}
      empty="No users."
      row={(user) => (
        <tr key={user.id} data-testid={`user-row-${user.username}`}>
          <td className="name">
            <Link to={adminUserPath(user.id)}>{user.username}</Link>
          </td>
          <td>{[user.givenName, user.sn].filter(Boolean).join(' ') || <span className="muted">—</span>}</td>
          <td>{SOURCE_TEXT[user.source]}</td>
          <td>
            {user.roles.length === 0 && <span className="muted">none</span>}
            <ul className="plain">
              {user.roles.map((role) => (
                <li key={`${role.entityId}:${role.profileId}`}>
                  {role.profileName} <span className="muted">on {role.entityName}</span>
                </li>
              ))}
            </ul>
          </td>
          <td>{user.totpEnabled ? 'On' : <span className="muted">Off</span>}</td>
          <TimeCell at={user.lastLoginAt} empty="never" />
          <td>{user.disabled ? <span className="badge badge-disabled">disabled</span> : <span className="muted">active</span>}</td>
        </tr>
      )}
    />
  );
}
