import { useEffect, useState } from 'react';
import { errorMessage } from '../api.js';
import { remoteApi } from '../remote/remote-api.js';

type State = { kind: 'loading' } | { kind: 'shown'; note: string | null } | { kind: 'saving' } | { kind: 'error'; message: string };

/**
 * Whether remote desktop and terminal sessions on the entity's machines ask the logged-in user to
 * accept first. Saved as soon as it is changed.
 */
export function RemoteConsent({ entityId }: { entityId: string }) {
  const [required, setRequired] = useState(false);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    remoteApi.remoteSettings(entityId).then(
      (settings) => {
        if (!current) return;
        setRequired(settings.consentRequired);
        setState({ kind: 'shown', note: null });
      },
      (failure: unknown) => current && setState({ kind: 'error', message: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [entityId]);

  // Shown ticked (or not) at once; back as it was when the server refuses.
  async function change(consentRequired: boolean) {
    setRequired(consentRequired);
    setState({ kind: 'saving' });
    try {
      const saved = await remoteApi.saveRemoteSettings(entityId, { consentRequired });
      setRequired(saved.consentRequired);
      setState({ kind: 'shown', note: 'Saved.' });
    } catch (failure) {
      setRequired(!consentRequired);
      setState({ kind: 'error', message: errorMessage(failure) });
    }
  }

  return (
    <div className="form-row">
      <label className="check">
        <input
          type="checkbox"
          data-testid="remote-consent"
          checked={required}
          disabled={state.kind === 'loading' || state.kind === 'saving'}
          onChange={(e) => void change(e.target.checked)}
        />
        Remote desktop and terminal sessions ask the logged-in user to accept
      </label>
      <span className={state.kind === 'error' ? 'error-text' : 'muted'} role="status">
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'shown' && state.note}
        {state.kind === 'error' && state.message}
      </span>
    </div>
  );
}
