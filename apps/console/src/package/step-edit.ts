import type { PackageOs, Sequences, Step, StepAction } from '@pons/protocol';
import { END_ERROR, END_SUCCESS } from '@pons/protocol/pure';

/**
 * Editing a step sequence in the browser: each function returns a new list and leaves its input
 * alone, so the editor keeps one draft per OS and saves it in one PATCH. Pure, tested.
 */

export type StepOf<A extends StepAction> = Extract<Step, { action: A }>;

export { END_ERROR, END_SUCCESS };

export const STEP_ACTIONS: { action: StepAction; label: string }[] = [
  { action: 'run', label: 'Run a command' },
  { action: 'reboot', label: 'Reboot' },
  { action: 'wait', label: 'Wait' },
  { action: 'notify', label: 'Notify the user' },
  { action: 'setenv', label: 'Set a variable' },
  { action: 'unzip', label: 'Unzip a file' },
  { action: 'success', label: 'End with success' },
  { action: 'error', label: 'End with error' },
];

/** A new step with what it needs filled in where there is an obvious choice. */
export function newStep(action: StepAction, os: PackageOs, files: readonly string[] = []): Step {
  switch (action) {
    case 'run':
      return { action, shell: os === 'windows' ? 'powershell' : 'sh', command: '' };
    case 'wait':
      return { action, seconds: 10 };
    case 'notify':
      return { action, message: '' };
    case 'setenv':
      return { action, name: '', value: '' };
    case 'unzip':
      return { action, file: files.find((name) => name.toLowerCase().endsWith('.zip')) ?? '' };
    case 'reboot':
    case 'success':
    case 'error':
      return { action };
  }
}

/** `step` with `changes`; a change to `undefined` removes the field (an optional field left empty). */
export function editStep<S extends Step>(step: S, changes: Partial<S>): S {
  const next: Record<string, unknown> = { ...step, ...changes };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as S;
}

export function insertStep(steps: readonly Step[], at: number, step: Step): Step[] {
  const index = Math.max(0, Math.min(at, steps.length));
  return [...steps.slice(0, index), step, ...steps.slice(index)];
}

export function replaceStep(steps: readonly Step[], at: number, step: Step): Step[] {
  return steps.map((s, i) => (i === at ? step : s));
}

export function removeStep(steps: readonly Step[], at: number): Step[] {
  return steps.filter((_, i) => i !== at);
}

/** Moves a step one place up (-1) or down (+1); at either end the list is unchanged. */
export function moveStep(steps: readonly Step[], at: number, by: -1 | 1): Step[] {
  const to = at + by;
  if (at < 0 || at >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}

/** Where a jump can go: the labels steps have, in order, then the two ends. */
export function jumpTargets(steps: readonly Step[]): string[] {
  const labels = steps.map((s) => s.label).filter((label): label is string => !!label && label !== END_SUCCESS && label !== END_ERROR);
  return [...new Set(labels), END_SUCCESS, END_ERROR];
}

/**
 * Sets (or clears, with '') a step's label. Jumps that went to the old label follow the new one,
 * unless another step already has it; jumps to a cleared label are left to the hints.
 */
export function setLabel(steps: readonly Step[], at: number, label: string): Step[] {
  const before = steps[at]?.label;
  const after = label === '' ? undefined : label;
  const relabelled = steps.map((step, i) => (i === at ? editStep(step, { label: after }) : step));
  if (before === undefined || after === undefined || steps.some((s, i) => i !== at && s.label === after)) return relabelled;
  const follow = <T extends string | undefined>(target: T): T | string => (target === before ? after : target);
  return relabelled.map((step) => {
    let next = step.next === before ? editStep(step, { next: after }) : step;
    if (next.action === 'run' && (next.onFailure === before || next.branches?.some((b) => b.goto === before))) {
      next = editStep(next, {
        onFailure: follow(next.onFailure),
        branches: next.branches?.map((b) => ({ ...b, goto: follow(b.goto) })),
      });
    }
    return next;
  });
}

/** Success codes as typed, `0, 3010`: the list, `undefined` when empty (the default, 0), or null when it does not parse. */
export function parseCodes(text: string): number[] | undefined | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  if (parts.length > 64 || !parts.every((p) => /^-?\d{1,10}$/.test(p))) return null;
  const codes = parts.map(Number);
  return codes.every((n) => Number.isSafeInteger(n) && Math.abs(n) <= 2 ** 31) ? codes : null;
}

export const codesText = (codes: readonly number[] | undefined): string => (codes ?? []).join(', ');

/** Key order and absent-versus-empty sequences aside, whether two sets of sequences are the same. */
export function sameSequences(a: Sequences, b: Sequences): boolean {
  return canonical(dropEmpty(a)) === canonical(dropEmpty(b));
}

const dropEmpty = (sequences: Sequences) => Object.fromEntries(Object.entries(sequences).filter(([, steps]) => (steps?.length ?? 0) > 0));

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
