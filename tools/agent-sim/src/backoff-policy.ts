import { CloseCode } from '@pons/protocol';

/** Attempts to skip after a server restart, so reconnects spread over a wider window (as the agent does). */
export const RESTART_ATTEMPT = 3;
/** A connection that lived this long was healthy; the next failure starts the backoff afresh. */
export const HEALTHY_MS = 10_000;
/** The exponent used after being replaced by another connection of the same machine: back off fully. */
export const MAX_ATTEMPT = 30;

/**
 * The backoff exponent after a connection ended, following `apps/agent/src/agent.ts`: a healthy
 * connection resets it, a server restart jumps ahead, being replaced backs off to the cap, and
 * anything else counts one more failure.
 */
export function attemptAfterClose(previous: number, closeCode: number, livedMs: number): number {
  if (closeCode === CloseCode.serverRestart) return Math.max(previous, RESTART_ATTEMPT);
  if (closeCode === CloseCode.replaced) return MAX_ATTEMPT;
  return livedMs >= HEALTHY_MS ? 0 : previous + 1;
}
