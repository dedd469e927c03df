import { describe, expect, it } from 'vitest';
import { validator } from '../validate.js';
import { PackageFileName, type Step } from './steps.js';
import { packageProblems, sequenceProblems } from './sequence-check.js';
import { applyTemplate } from './template.js';

describe('sequenceProblems', () => {
  it('accepts a sequence whose jumps all land', () => {
    const steps: Step[] = [
      { action: 'run', shell: 'sh', command: 'true', branches: [{ when: '!=0', goto: 'retry' }], onFailure: 'END_ERROR' },
      { action: 'unzip', file: 'app.zip', next: 'END_SUCCESS' },
      { label: 'retry', action: 'wait', seconds: 5 },
    ];
    expect(sequenceProblems('linux', steps, new Set(['app.zip']))).toEqual([]);
  });

  it('names each step that cannot run as written', () => {
    const steps: Step[] = [
      { label: 'a', action: 'run', shell: 'sh', command: 'true', branches: [{ when: '==1', goto: 'b' }] },
      { label: 'a', action: 'notify', message: 'hi' },
      { label: 'END_SUCCESS', action: 'success' },
      { action: 'unzip', file: 'absent.zip' },
    ];
    expect(sequenceProblems('windows', steps, new Set()).map((p) => [p.step, p.message])).toEqual([
      [2, 'The label "a" is already used by step 1.'],
      [3, '"END_SUCCESS" is reserved; choose another label.'],
      [1, 'Its branch "==1" goes to "b", which no step of the windows sequence is labelled.'],
      [4, 'It unzips "absent.zip", which is not one of the package\'s files.'],
    ]);
  });

  it('asks for a sequence for every OS the package targets, and none for others', () => {
    const problems = packageProblems(['linux', 'windows'], { linux: [{ action: 'success' }], macos: [{ action: 'success' }] }, new Set());
    expect(problems.map((p) => p.message)).toEqual([
      'The windows sequence has no steps.',
      "There is a macos sequence but macos is not in the package's OS list.",
    ]);
  });
});

describe('package file names', () => {
  it('stay inside the package directory', () => {
    const check = validator(PackageFileName);
    for (const good of ['setup.exe', 'conf/app.ini', 'a b/c.d', '.hidden']) expect(check.is(good)).toBe(true);
    for (const bad of ['../x', 'a/../b', '/etc/passwd', 'a\\b', 'C:x', '.', 'a/./b', 'a/..', '']) expect(check.is(bad)).toBe(false);
  });
});

describe('applyTemplate', () => {
  it("replaces Medulla's variables and the short names", () => {
    const values = { packageDir: '/var/lib/pons/jobs/d1', deploymentId: 'd1', lastExitCode: 3 };
    expect(applyTemplate('cd @@@PACKAGE_DIRECTORY_ABS_MACHINE@@@ && echo @@@SESSION_ID@@@ @@@PREC_RETURNCODE@@@', values)).toBe(
      'cd /var/lib/pons/jobs/d1 && echo d1 3',
    );
    expect(applyTemplate('{{packageDir}}/x {{ deploymentId }} {{lastExitCode}}', { ...values, lastExitCode: null })).toBe(
      '/var/lib/pons/jobs/d1/x d1 ',
    );
  });
});
