import type { InventoryDocument, InventoryNote } from '@pons/protocol';
import { InventoryTable, Section } from './section.js';

export function UsersSection({ users, notes }: { users: InventoryDocument['users']; notes: InventoryNote[] }) {
  return (
    <Section id="users" title="Logged-in users" notes={notes} hasData={users !== undefined} wide>
      <InventoryTable
        items={users}
        none="Nobody was logged in when the inventory was taken."
        columns={['User', 'Terminal', 'From', 'Logged in']}
        row={(user, index) => (
          <tr key={`${user.name}:${user.terminal ?? index}`}>
            <td>{user.name}</td>
            <td className="mono">{user.terminal ?? '—'}</td>
            <td className="mono">{user.host ?? '—'}</td>
            <td>{user.loginAt ?? '—'}</td>
          </tr>
        )}
      />
    </Section>
  );
}
