import { END_ERROR, END_SUCCESS, parseReturnCodeCondition, returnCodePasses, type RunStep, type Step } from '@pons/protocol';

/** Where a job goes after a step: another step (0-based index), or an end. */
export type Next = { to: 'step'; index: number } | { to: 'success' } | { to: 'error'; message: string } | { to: 'failed' };

function jump(steps: Step[], label: string): Next {
  if (label === END_SUCCESS) return { to: 'success' };
  if (label === END_ERROR) return { to: 'error', message: 'The sequence jumped to END_ERROR.' };
  const index = steps.findIndex((s) => s.label === label);
  // Submitted sequences are checked; this guards a descriptor that was not.
  if (index < 0) return { to: 'error', message: `The sequence jumps to "${label}", which no step is labelled.` };
  return { to: 'step', index };
}

/** After a step that succeeded: its `next`, else the following step, else success. */
export function afterSuccess(steps: Step[], index: number): Next {
  const step = steps[index];
  if (step?.next) return jump(steps, step.next);
  return index + 1 < steps.length ? { to: 'step', index: index + 1 } : { to: 'success' };
}

/**
 * After a command ended with `code` (null when it timed out): the first branch whose test passes
 * decides; otherwise a success code goes on, and a failure goes to `onFailure` or fails the job.
 */
export function afterRun(steps: Step[], index: number, code: number | null): Next {
  const step = steps[index] as RunStep;
  if (code !== null) {
    for (const branch of step.branches ?? []) {
      const test = parseReturnCodeCondition(branch.when);
      if (test && returnCodePasses(test, code)) return jump(steps, branch.goto);
    }
    if ((step.successCodes ?? [0]).includes(code)) return afterSuccess(steps, index);
  }
  if (step.onFailure) return jump(steps, step.onFailure);
  return { to: 'failed' };
}
