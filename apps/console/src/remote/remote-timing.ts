/**
 * When the user asked for a session: the machine page's button marks it, so that "Connected in
 * 1.2 s" counts from the click, not from the page's mount. A reload or a deep link counts from
 * the page itself.
 */
let requestedAt: number | null = null;

/** The click on Remote desktop, Terminal or Connect again. */
export function markSessionRequested(): void {
  requestedAt = performance.now();
}

/** The click's time when it was just now (a later visit counts from its own start); else now. */
export function takeSessionStart(): number {
  const now = performance.now();
  return requestedAt !== null && now - requestedAt < 5_000 ? requestedAt : now;
}

declare global {
  interface Window {
    /** For the browser tests: ms from the click (or the page's start) to the remote desktop's `connect`. */
    __ponsFirstFrameMs?: number;
  }
}

/** Records the time to the first frame where the browser tests read it; returns it. */
export function recordFirstFrame(start: number): number {
  const ms = performance.now() - start;
  window.__ponsFirstFrameMs = ms;
  return ms;
}
