import type { UserSummary } from '@pons/protocol';
import { Link } from '../router.js';
import { adminUserPath } from '../routes.js';
import { RelativeTime } from '../ui/relative-time.js';

export const SOURCE_TEXT: Record<UserSummary['source'], string> = { local: 'Local', ldap: 'LDAP', oidc: 'Single sign-on' };

export function UserTable({ users }: { users: UserSummary[] | null }) {
  if (users === null) return <p className="muted">Loading…</p>;
  return (
    <div className="table-wrap">
      <table className="grid users">
        <thead>
          <tr>
            <th scope="col">User name</th>
            <th scope="col">Name</th>
            <th scope="col">Source</th>
            <th scope="col">Profiles</th>
            <th scope="col">2FA</th>
            <th scope="col">Last login</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
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
              <td className="nowrap">
                <RelativeTime at={user.lastLoginAt} empty="never" />
              </td>
              <td>{user.disabled ? <span className="badge badge-disabled">disabled</span> : <span className="muted">active</span>}</td>
            </tr>
          ))}
          {users.length === 0 && (
            <tr>
              <td colSpan={7} className="empty-row">
                No users.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
