import { describe, expect, it } from 'vitest';
import type { Step } from '@pons/protocol';
import {
  codesText,
  editStep,
  insertStep,
  jumpTargets,
  moveStep,
  newStep,
  parseCodes,
  removeStep,
  replaceStep,
  sameSequences,
  setLabel,
} from './step-edit.js';

const run = (command: string, extra: Partial<Extract<Step, { action: 'run' }>> = {}): Step => ({
  action: 'run',
  shell: 'sh',
  command,
  ...extra,
});
const commands = (steps: Step[]) => steps.map((s) => (s.action === 'run' ? s.command : s.action));

describe('list edits', () => {
  const steps = [run('a'), run('b'), run('c')];

  it('inserts at a place, clamped to the list', () => {
    expect(commands(insertStep(steps, 1, run('x')))).toEqual(['a', 'x', 'b', 'c']);
    expect(commands(insertStep(steps, 99, run('x')))).toEqual(['a', 'b', 'c', 'x']);
    expect(commands(insertStep([], 0, run('x')))).toEqual(['x']);
  });

  it('moves up and down, and not past either end', () => {
    expect(commands(moveStep(steps, 1, -1))).toEqual(['b', 'a', 'c']);
    expect(commands(moveStep(steps, 1, 1))).toEqual(['a', 'c', 'b']);
    expect(commands(moveStep(steps, 0, -1))).toEqual(['a', 'b', 'c']);
    expect(commands(moveStep(steps, 2, 1))).toEqual(['a', 'b', 'c']);
  });

  it('replaces and removes, leaving the input alone', () => {
    expect(commands(replaceStep(steps, 2, { action: 'success' }))).toEqual(['a', 'b', 'success']);
    expect(commands(removeStep(steps, 0))).toEqual(['b', 'c']);
    expect(commands(steps)).toEqual(['a', 'b', 'c']);
  });
});

describe('editStep', () => {
  it('drops fields set to undefined, so that empty optional fields are not sent', () => {
    const step = run('x', { timeoutS: 30, label: 'first' });
    expect(editStep(step, { timeoutS: undefined, label: undefined })).toEqual({ action: 'run', shell: 'sh', command: 'x' });
  });
});

describe('newStep', () => {
  it('fills in the obvious: the shell of the OS, a zip file of the package', () => {
    expect(newStep('run', 'windows')).toEqual({ action: 'run', shell: 'powershell', command: '' });
    expect(newStep('run', 'linux')).toMatchObject({ shell: 'sh' });
    expect(newStep('unzip', 'linux', ['setup.sh', 'app.ZIP'])).toEqual({ action: 'unzip', file: 'app.ZIP' });
    expect(newStep('wait', 'macos')).toEqual({ action: 'wait', seconds: 10 });
  });
});

describe('jumpTargets', () => {
  it('lists labels in order, once, then the two ends', () => {
    const steps = [
      run('a', { label: 'install' }),
      run('b'),
      run('c', { label: 'repair' }),
      { action: 'success', label: 'install' } as Step,
    ];
    expect(jumpTargets(steps)).toEqual(['install', 'repair', 'END_SUCCESS', 'END_ERROR']);
    expect(jumpTargets([])).toEqual(['END_SUCCESS', 'END_ERROR']);
  });
});

describe('setLabel', () => {
  const steps: Step[] = [
    run('a', { branches: [{ when: '==3', goto: 'repair' }], onFailure: 'repair' }),
    { action: 'wait', seconds: 5, next: 'repair' },
    run('c', { label: 'repair' }),
  ];

  it('renames the jumps that went to the old label', () => {
    const next = setLabel(steps, 2, 'fix');
    expect(next[2]!.label).toBe('fix');
    expect(next[0]).toMatchObject({ onFailure: 'fix', branches: [{ when: '==3', goto: 'fix' }] });
    expect(next[1]).toMatchObject({ next: 'fix' });
  });

  it('leaves the jumps when the label is cleared or taken by another step', () => {
    const cleared = setLabel(steps, 2, '');
    expect(cleared[2]!.label).toBeUndefined();
    expect('label' in cleared[2]!).toBe(false);
    expect(cleared[0]).toMatchObject({ onFailure: 'repair' });
    const taken = setLabel([...steps, { action: 'success', label: 'done' }], 2, 'done');
    expect(taken[1]).toMatchObject({ next: 'repair' });
  });

  it('labels a step that had none', () => {
    expect(setLabel(steps, 1, 'pause')[1]).toMatchObject({ label: 'pause', next: 'repair' });
  });
});

describe('success codes', () => {
  it('parses lists written with commas or spaces', () => {
    expect(parseCodes('0, 3010')).toEqual([0, 3010]);
    expect(parseCodes(' 0 1641 3010 ')).toEqual([0, 1641, 3010]);
    expect(parseCodes('-1')).toEqual([-1]);
    expect(parseCodes('')).toBeUndefined();
    expect(parseCodes('0, x')).toBeNull();
    expect(parseCodes('1.5')).toBeNull();
    expect(codesText([0, 3010])).toBe('0, 3010');
    expect(codesText(undefined)).toBe('');
  });
});

describe('sameSequences', () => {
  it('ignores key order and empty sequences', () => {
    expect(sameSequences({ linux: [{ command: 'x', shell: 'sh', action: 'run' }], windows: [] }, { linux: [run('x')] })).toBe(true);
    expect(sameSequences({ linux: [run('x')] }, { linux: [run('y')] })).toBe(false);
    expect(sameSequences({ linux: [run('x'), run('y')] }, { linux: [run('y'), run('x')] })).toBe(false);
    expect(sameSequences({}, { macos: [] })).toBe(true);
  });
});
