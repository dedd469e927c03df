import { createContext, useContext } from 'react';
import type { CurrentUser } from '@pons/protocol';

export interface CurrentSession {
  user: CurrentUser;
  /** Fetches the user again (after a change to their own account). */
  reload: () => void;
  /** Back to the login page once the server has ended this session, with a sentence saying why. */
  signedOut: (notice: string | null) => void;
}

export const SessionContext = createContext<CurrentSession | null>(null);

/** For pages under the session gate, which always provides it. */
export function useCurrentSession(): CurrentSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useCurrentSession outside the signed-in console');
  return session;
}
