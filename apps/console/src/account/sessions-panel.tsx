import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { dateTime } from '../format.js';
import { Alert } from '../ui/alert.js';
import { RelativeTime } from '../ui/relative-time.js';

/** Where this account is logged in; any session can be ended, or all of them at once (this one included). */
export function SessionsPanel() {
  const { signedOut } = useCurrentSession();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    accountApi.sessions().then(
      (result) => setSessions(result.items),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  useEffect(load, [load]);

  async function end(session: SessionInfo) {
    setError(null);
    try {
      await accountApi.endSession(session.id);
      load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

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
      {sessions === null ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <table className="grid compact sessions">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Address</th>
              <th scope="col">Started</th>
              <th scope="col">Last seen</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-testid={`session-row-${session.id}`}>
                <td>
                  {session.kind}
                  {session.current && <span className="tag">this session</span>}
                </td>
                <td className="mono">{session.address}</td>
                <td className="nowrap">{dateTime(session.createdAt)}</td>
                <td className="nowrap">
                  <RelativeTime at={session.lastSeenAt} />
                </td>
                <td className="nowrap">
                  <RelativeTime at={session.expiresAt} mode="future" label="Expires" />
                </td>
                <td className="actions">
                  {!session.current && (
                    <button type="button" className="small" onClick={() => void end(session)}>
                      End session
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
