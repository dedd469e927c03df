import type { TargetState } from '@pons/protocol';
import { activeStates, TargetStates } from '@pons/protocol/pure';

/**
 * How deployment target states are shown: a tone for the badge, and counts in a fixed order so
 * that "success 2 · running 1" reads the same from one refresh to the next. Pure, tested.
 */
export type Tone = 'success' | 'failure' | 'active' | 'waiting';

export function targetTone(target: { state: TargetState; final: boolean }): Tone {
  if (target.state === 'success') return 'success';
  if (target.final) return 'failure';
  return activeStates.includes(target.state) ? 'active' : 'waiting';
}

/** The protocol's order of the states. */
export const STATE_ORDER: readonly TargetState[] = TargetStates;

const ORDER = new Map<string, number>(STATE_ORDER.map((state, index) => [state, index]));

/** `success 2 · running 1 · step-failed 1`, in the states' own order; states with no target are left out. */
export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99) || (a < b ? -1 : 1))
    .map(([state, n]) => `${state} ${n}`)
    .join(' · ');
}

/** Targets per state, as the server counts them. */
export function countStates(targets: readonly { state: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const target of targets) counts[target.state] = (counts[target.state] ?? 0) + 1;
  return counts;
}
