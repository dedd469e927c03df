import { useState } from 'react';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { dateTime } from '../format.js';
import { Alert } from '../ui/alert.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';
import { useList } from '../ui/use-list.js';

/** Where this account is logged in; any session can be ended, or all of them at once (this one included). */
export function SessionsPanel() {
  const { signedOut } = useCurrentSession();
  const sessions = useList(accountApi.sessions);
  const [busy, setBusy] = useState(false);
  const { error, setError } = sessions;

  async function everywhere() {
    setBusy(true);
    setError(null);
    try {
      await accountApi.logOutEverywhere();
      signedOut('You have been logged out everywhere, here included.');
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <section className="panel stack-form" aria-labelledby="sessions-title">
      <div className="panel-head">
        <h2 id="sessions-title">Sessions</h2>
        <button type="button" className="end" disabled={busy} onClick={() => void everywhere()}>
          Log out everywhere
        </button>
      </div>
      {error && <Alert>{error}</Alert>}
      {sessions.items === null ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <DataTable
          className="grid compact sessions"
          wrap={false}
          columns={['Kind', 'Address', 'Started', 'Last seen', 'Expires', ACTIONS]}
          rows={sessions.items}
          row={(session) => (
            <tr key={session.id} data-testid={`session-row-${session.id}`}>
              <td>
                {session.kind}
                {session.current && <span className="tag">this session</span>}
              </td>
              <td className="mono">{session.address}</td>
              <td className="nowrap">{dateTime(session.createdAt)}</td>
              <TimeCell at={session.lastSeenAt} />
              <TimeCell at={session.expiresAt} mode="future" label="Expires" />
              <td className="actions">
                {!session.current && (
                  <button type="button" className="small" onClick={() => void sessions.change(() => accountApi.endSession(session.id))}>
                    End session
                  </button>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
