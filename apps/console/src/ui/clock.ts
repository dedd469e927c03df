import { useSyncExternalStore } from 'react';

const TICK_MS = 5_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The current time, refreshed every few seconds by one shared timer. Only the components that
 * show a relative time re-render on each tick, not the tables around them.
 */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

// Refreshed here too, so that the first render after a quiet spell (no timer) is not stale.
function snapshot(): number {
  if (Date.now() - now > TICK_MS) now = Date.now();
  return now;
}
