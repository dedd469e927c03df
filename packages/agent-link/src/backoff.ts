import { CloseCode } from '@pons/protocol';

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base * 2^n)].
 * After a server restart thousands of agents spread their reconnects over the whole window
 * instead of arriving together.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** The step a server restart (close code 1012) starts from: a window of 8 s at a 1 s base. */
export const RESTART_ATTEMPT = 3;
/** Refused connects widen the window up to this step and no further: 16 s at a 1 s base. */
export const REFUSED_ATTEMPT = RESTART_ATTEMPT + 1;
/** The step after being replaced by another connection of the same machine: the cap. */
export const MAX_ATTEMPT = 30;
/** A connection that lived this long was healthy; the next failure starts the backoff afresh. */
export const HEALTHY_MS = 10_000;

/**
 * The step after a connection ended: a healthy connection starts afresh, a server restart jumps
 * ahead (so that thousands of agents spread their return), being replaced backs off to the cap,
 * and anything else counts one more failure.
 */
export function attemptAfterClose(previous: number, closeCode: number, livedMs: number): number {
  if (closeCode === CloseCode.serverRestart) return Math.max(previous, RESTART_ATTEMPT);
  if (closeCode === CloseCode.replaced) return MAX_ATTEMPT;
  return livedMs >= HEALTHY_MS ? 0 : previous + 1;
}

/**
 * The step after a connect failed. A refused connect (nobody listening: the server is
 * restarting, or stopped) costs the server nothing, so it widens the window only up to
 * REFUSED_ATTEMPT: agents keep knocking every few seconds and are back soon after the server is.
 * Doubling the window at each refusal left the last of 19,000 agents a 60 s window to wait out
 * after a 10 s restart. Every other failure (a timeout, a reset, a TLS error: a server that is up
 * but busy) widens the window, as backoff is meant to.
 */
export function attemptAfterFailure(previous: number, refused: boolean): number {
  return refused && previous >= REFUSED_ATTEMPT ? previous : previous + 1;
}
