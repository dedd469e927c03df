import { stateText, type SessionState } from './session-text.js';

/** "Connecting…", "Connected in 1.2 s", or why the session ended, as the server or the tunnel said it. */
export function SessionStatus({ state }: { state: SessionState }) {
  const error = state.kind === 'closed' && state.error;
  return (
    <p className={`session-status session-${state.kind}${error ? ' error-text' : ''}`} role="status" data-testid="session-status">
      {stateText(state)}
    </p>
  );
}

/** Disconnect while a session runs, Connect again once it ended. */
export function SessionToggle({ session }: { session: { state: SessionState; disconnect: () => void; reconnect: () => void } }) {
  return session.state.kind === 'closed' ? (
    <button type="button" className="primary" onClick={session.reconnect}>
      Connect again
    </button>
  ) : (
    <button type="button" onClick={session.disconnect}>
      Disconnect
    </button>
  );
}
