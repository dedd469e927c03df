import { useState } from 'react';
import type { UserSummary } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { useChoices } from '../admin/use-choices.js';
import { plural } from '../format.js';
import { Alert } from '../ui/alert.js';
import { useList } from '../ui/use-list.js';
import { useTitle } from '../ui/use-title.js';
import { NewUserForm } from './new-user-form.js';
import { UserTable } from './user-table.js';

export function UsersSection({ canChange }: { canChange: boolean }) {
  const users = useList(adminApi.users);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const choices = useChoices();
  useTitle('Users');

  function onCreated(user: UserSummary) {
    setCreating(false);
    setCreated(user.username);
    users.load();
  }

  return (
    <section aria-labelledby="users-title">
      <div className="panel-head">
        <h2 id="users-title">Users</h2>
        {users.items && <span className="muted">{plural(users.items.length, 'user')}</span>}
        {canChange && !creating && (
          <button
            type="button"
            className="primary end"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            New user
          </button>
        )}
      </div>
      {users.error && <Alert>{users.error}</Alert>}
      {choices.error && <Alert>{choices.error}</Alert>}
      {created && <Alert kind="success">User {created} created. They choose their own password at first login.</Alert>}
      {creating && <NewUserForm choices={choices} onCreated={onCreated} onCancel={() => setCreating(false)} />}
      <UserTable users={users.items} />
    </section>
  );
}
