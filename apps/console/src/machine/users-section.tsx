import type { InventoryDocument, InventoryNote } from '@pons/protocol';
import { Section } from './section.js';

export function UsersSection({ users, notes }: { users: InventoryDocument['users']; notes: InventoryNote[] }) {
  return (
    <Section id="users" title="Logged-in users" notes={notes} hasData={users !== undefined} wide>
      {users && users.length === 0 && <p className="muted">Nobody was logged in when the inventory was taken.</p>}
      {users && users.length > 0 && (
        <table className="grid compact">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Terminal</th>
              <th scope="col">From</th>
              <th scope="col">Logged in</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user, index) => (
              <tr key={`${user.name}:${user.terminal ?? index}`}>
                <td>{user.name}</td>
                <td className="mono">{user.terminal ?? '—'}</td>
                <td className="mono">{user.host ?? '—'}</td>
                <td>{user.loginAt ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
