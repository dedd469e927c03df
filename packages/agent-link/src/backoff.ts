/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base * 2^n)].
 * After a server restart thousands of agents spread their reconnects over the whole window
 * instead of arriving together.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
