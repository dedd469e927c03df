import { describe, expect, it } from 'vitest';
import type { Step } from '@pons/protocol';
import { afterRun, afterSuccess } from './sequence.js';

const steps: Step[] = [
  {
    action: 'run',
    shell: 'sh',
    command: 'install',
    successCodes: [0, 3010],
    branches: [
      { when: '==1641', goto: 'END_SUCCESS' },
      { when: 'IN 5,6', goto: 'retry' },
    ],
  },
  { action: 'notify', message: 'done', next: 'END_SUCCESS' },
  { label: 'retry', action: 'run', shell: 'sh', command: 'retry', onFailure: 'cleanup' },
  { label: 'cleanup', action: 'error', message: 'gave up' },
];

describe('the step sequence', () => {
  it('takes the first branch whose test passes, before the success codes', () => {
    expect(afterRun(steps, 0, 5)).toEqual({ to: 'step', index: 2 });
    expect(afterRun(steps, 0, 1641)).toEqual({ to: 'success' });
  });

  it('goes on after a success code, and fails on any other code', () => {
    expect(afterRun(steps, 0, 3010)).toEqual({ to: 'step', index: 1 });
    expect(afterRun(steps, 0, 2)).toEqual({ to: 'failed' });
  });

  it('goes to onFailure on a failure or a timeout, when the step names one', () => {
    expect(afterRun(steps, 2, 9)).toEqual({ to: 'step', index: 3 });
    expect(afterRun(steps, 2, null)).toEqual({ to: 'step', index: 3 });
    expect(afterRun(steps, 0, null)).toEqual({ to: 'failed' });
  });

  it('follows next, and ends with success after the last step', () => {
    expect(afterSuccess(steps, 1)).toEqual({ to: 'success' });
    expect(afterSuccess([{ action: 'wait', seconds: 1 }], 0)).toEqual({ to: 'success' });
  });
});
