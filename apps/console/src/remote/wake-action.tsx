import { useState } from 'react';
import { errorMessage } from '../api.js';
import { remoteApi } from './remote-api.js';
import { wakeText } from './session-text.js';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'sent'; text: string } | { kind: 'error'; text: string };

/** Wake-on-LAN: magic packets from an online agent on the machine's subnet, or from the server. */
export function WakeAction({ machineId }: { machineId: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function wake() {
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'sent', text: wakeText(await remoteApi.wake(machineId)) });
    } catch (failure) {
      setState({ kind: 'error', text: errorMessage(failure) });
    }
  }

  return (
    <>
      <button type="button" onClick={() => void wake()} disabled={state.kind === 'busy'} data-testid="wake-button">
        {state.kind === 'busy' ? 'Sending…' : 'Wake up'}
      </button>
      {(state.kind === 'sent' || state.kind === 'error') && (
        <span
          className={state.kind === 'error' ? 'wake-result error-text' : 'wake-result muted'}
          role="status"
          data-testid="wake-result"
          data-state={state.kind}
        >
          {state.text}
        </span>
      )}
    </>
  );
}
