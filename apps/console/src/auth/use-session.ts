import { useCallback, useEffect, useState } from 'react';
import type { CurrentUser } from '@pons/protocol';
import { api, ApiError, errorMessage, onSessionProblem, setCsrfToken } from '../api.js';
import { live } from '../live/live.js';

export type Session =
  | { state: 'loading' }
  | { state: 'unreachable'; message: string }
  | { state: 'anonymous'; notice: string | null }
  | { state: 'user'; user: CurrentUser };

/**
 * Who is logged in. Any request that meets an ended session sends the console back to the login
 * page; one that meets a pending password change sends it to the password page.
 */
export function useSession() {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const load = useCallback(() => {
    api.me().then(
      ({ user, csrfToken }) => {
        setCsrfToken(csrfToken);
        setSession({ state: 'user', user });
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setSession({ state: 'anonymous', notice: null });
        else setSession({ state: 'unreachable', message: errorMessage(error) });
      },
    );
  }, []);

  useEffect(() => {
    onSessionProblem((error) => {
      if (error.code === 'PONS_E_PASSWORD_CHANGE_REQUIRED') {
        setSession((s) => (s.state === 'user' ? { state: 'user', user: { ...s.user, passwordChangeRequired: true } } : s));
        return;
      }
      setSession((s) => (s.state === 'user' ? { state: 'anonymous', notice: 'Your session has ended. Log in again to continue.' } : s));
    });
    load();
  }, [load]);

  const ready = session.state === 'user' && !session.user.passwordChangeRequired;
  useEffect(() => {
    if (!ready) return;
    live.start();
    return () => live.stop();
  }, [ready]);

  const loggedIn = useCallback((user: CurrentUser, csrfToken?: string) => {
    if (csrfToken) setCsrfToken(csrfToken);
    setSession({ state: 'user', user });
  }, []);

  const logOut = useCallback(async () => {
    // Leave the console even when the server cannot be told: the cookie then expires on its own.
    await api.logout().catch(() => undefined);
    setCsrfToken('');
    setSession({ state: 'anonymous', notice: null });
  }, []);

  /** The server has ended the session already (every session logged out, for instance). */
  const signedOut = useCallback((notice: string | null) => {
    setCsrfToken('');
    setSession({ state: 'anonymous', notice });
  }, []);

  return { session, reload: load, loggedIn, logOut, signedOut };
}
