import { describe, expect, it } from 'vitest';
import type { Step } from '@pons/protocol';
import { allFieldHints, fieldHints, stepSummary, submitProblems } from './step-hints.js';

describe('fieldHints', () => {
  it('says what the server would refuse to save', () => {
    expect(fieldHints({ action: 'run', shell: 'sh', command: '  ' })).toEqual(['The command is empty.']);
    expect(fieldHints({ action: 'run', shell: 'sh', command: 'x', branches: [{ when: 'three', goto: 'END_ERROR' }] })[0]).toContain(
      '"three" is not a return-code test',
    );
    expect(fieldHints({ action: 'setenv', name: '1ABC', value: '' })).toHaveLength(1);
    expect(fieldHints({ action: 'unzip', file: '' })).toEqual(['Choose the zip file to extract.']);
    expect(fieldHints({ action: 'unzip', file: 'a.zip', to: '../etc' })).toHaveLength(1);
    expect(fieldHints({ action: 'success', label: 'has space' })).toHaveLength(1);
  });

  it('has nothing to say about good steps', () => {
    const good: Step[] = [
      { action: 'run', shell: 'sh', command: 'true', branches: [{ when: 'IN 1,2', goto: 'x' }], successCodes: [0, 3010] },
      { action: 'setenv', name: 'MODE', value: '' },
      { action: 'unzip', file: 'dist/app.zip', to: 'app' },
      { action: 'notify', message: 'Hello' },
      { action: 'success', label: 'done.1' },
    ];
    expect(good.flatMap(fieldHints)).toEqual([]);
    expect(allFieldHints({ linux: good }).size).toBe(0);
    expect([...allFieldHints({ linux: [good[0]!, { action: 'notify', message: '' }] }).keys()]).toEqual(['linux:1']);
  });
});

describe('submitProblems', () => {
  it('reports what Submit refuses, as the server does, with 1-based step numbers', () => {
    const problems = submitProblems(
      ['linux', 'windows'],
      {
        linux: [
          { action: 'run', shell: 'sh', command: 'x', branches: [{ when: '==3', goto: 'repair' }] },
          { action: 'unzip', file: 'missing.zip' },
        ],
      },
      ['present.zip'],
    );
    expect(problems).toEqual([
      { os: 'linux', step: 1, message: 'Its branch "==3" goes to "repair", which no step of the linux sequence is labelled.' },
      { os: 'linux', step: 2, message: 'It unzips "missing.zip", which is not one of the package\'s files.' },
      { os: 'windows', step: null, message: 'The windows sequence has no steps.' },
    ]);
  });

  it('leaves out steps the field hints already speak about', () => {
    const problems = submitProblems(
      ['linux'],
      { linux: [{ action: 'run', shell: 'sh', command: 'x', branches: [{ when: 'bad', goto: 'x' }] }] },
      [],
    );
    expect(problems).toEqual([]);
  });
});

describe('stepSummary', () => {
  it('says in one line what a step does', () => {
    expect(stepSummary({ action: 'run', shell: 'sh', command: '\ncat a.txt\necho done\n', timeoutS: 60 })).toBe(
      'sh: cat a.txt … (timeout 60 s)',
    );
    expect(stepSummary({ action: 'run', shell: 'bash', command: '', branches: [{ when: '!=0', goto: 'END_ERROR' }] })).toBe(
      'bash: (no command) (1 branch)',
    );
    expect(stepSummary({ action: 'reboot', delayS: 30 })).toBe('Reboot after 30 s');
    expect(stepSummary({ action: 'setenv', name: 'A', value: '1' })).toBe('Set A=1');
    expect(stepSummary({ action: 'error', message: 'Unsupported' })).toBe('End with error: Unsupported');
  });
});
