/**
 * When the next scheduled inventory is due: one interval after the last one, minus a random
 * offset (up to a quarter of the interval, at most an hour) so that a fleet enrolled on the same
 * day does not report at the same minute forever after.
 */
export function nextInventoryDelay(lastAt: number | null, intervalMs: number, now: number, random: () => number = Math.random): number {
  const spread = Math.min(intervalMs / 4, 3_600_000);
  if (lastAt === null) return Math.floor(random() * spread);
  const due = lastAt + intervalMs - Math.floor(random() * spread);
  return Math.max(0, due - now);
}
