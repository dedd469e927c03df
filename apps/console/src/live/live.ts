import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveEvent } from '@pons/protocol';
import { api } from '../api.js';
import { LiveStream, type LiveState } from './live-stream.js';

/** The console's one event stream. When the server refuses it, asking for /auth/me tells us whether the session is over. */
export const live = new LiveStream<LiveEvent>('/api/v1/events', ['machine.changed', 'machine.removed'], () => {
  api.me().catch(() => undefined);
});

/** Calls `listener` for every live event while the component is mounted; the latest listener wins. */
export function useLiveEvents(listener: (event: LiveEvent) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => live.onEvent((event) => latest.current(event)), []);
}

/** Calls `listener` each time the stream comes back after a drop. */
export function useLiveReconnect(listener: () => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => live.onReconnect(() => latest.current()), []);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (notify) => live.onState(notify),
    () => live.state,
  );
}
