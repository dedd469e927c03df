import { useCallback, useEffect, useState } from 'react';
import type { UserSummary } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { errorMessage } from '../api.js';
import { dateTime } from '../format.js';
import { Facts } from '../machine/facts.js';
import { adminPath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { Crumbs } from '../ui/crumbs.js';
import { RelativeTime } from '../ui/relative-time.js';
import { useTitle } from '../ui/use-title.js';
import { UserActions } from './user-actions.js';
import { UserDetailsForm } from './user-details-form.js';
import { SOURCE_TEXT } from './user-table.js';

/** One user: details and roles, and what an administrator can do to the account. */
export function UserPage({ userId, canChange }: { userId: string; canChange: boolean }) {
  const [user, setUser] = useState<UserSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useTitle(user?.username ?? 'User');

  const load = useCallback(() => {
    adminApi.user(userId).then(setUser, (failure: unknown) => setError(errorMessage(failure)));
  }, [userId]);
  useEffect(load, [load]);

  return (
    <section aria-labelledby="user-title">
      <Crumbs to={adminPath('users')}>Users</Crumbs>
      {error && <Alert>{error}</Alert>}
      {!user && !error && <p className="muted">Loading…</p>}
      {user && (
        <>
          <div className="panel-head">
            <h2 id="user-title">{user.username}</h2>
            {user.disabled && <span className="badge badge-disabled">disabled</span>}
          </div>
          <div className="panel">
            <Facts
              facts={[
                ['Source', SOURCE_TEXT[user.source]],
                ['Created', dateTime(user.createdAt)],
                ['Last login', <RelativeTime at={user.lastLoginAt} empty="never" />],
                ['Second factor', user.totpEnabled ? 'Authenticator app' : 'None'],
              ]}
            />
          </div>
          {user.source !== 'local' && (
            <Alert kind="info">
              This account comes from {SOURCE_TEXT[user.source]}: its names, mail and roles may be replaced at its next login.
            </Alert>
          )}
          <UserDetailsForm key={JSON.stringify(user)} user={user} canChange={canChange} onSaved={setUser} />
          {canChange && <UserActions user={user} onChanged={setUser} />}
        </>
      )}
    </section>
  );
}
