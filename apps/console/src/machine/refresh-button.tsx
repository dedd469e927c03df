import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api.js';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'waiting' } | { kind: 'done' } | { kind: 'error'; message: string };

/**
 * Asks the agent for a fresh inventory. The server only confirms the agent accepted; the new
 * inventory arrives later and the page reloads it when `inventoryAt` moves.
 */
export function RefreshButton({ machineId, inventoryAt }: { machineId: string; inventoryAt: number | null }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const requestedAt = useRef<number | null>(null);

  useEffect(() => {
    if (state.kind === 'waiting' && inventoryAt !== requestedAt.current) setState({ kind: 'done' });
  }, [inventoryAt, state.kind]);

  async function refresh() {
    setState({ kind: 'busy' });
    requestedAt.current = inventoryAt;
    try {
      await api.refreshInventory(machineId);
      setState((s) => (s.kind === 'busy' ? { kind: 'waiting' } : s));
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }

  return (
    <div className="refresh">
      <span className={state.kind === 'error' ? 'refresh-note error-text' : 'refresh-note muted'} role="status">
        {state.kind === 'waiting' && 'Requested; waiting for the agent…'}
        {state.kind === 'done' && 'Inventory updated.'}
        {state.kind === 'error' && state.message}
      </span>
      <button type="button" onClick={() => void refresh()} disabled={state.kind === 'busy' || state.kind === 'waiting'}>
        {state.kind === 'busy' ? 'Requesting…' : 'Refresh inventory'}
      </button>
    </div>
  );
}
