import type { DEFAULT_STEP_TIMEOUT_S as ProtocolTimeout, PackageOs, Sequences, Step } from '@pons/protocol';
import { packageProblems, parseReturnCodeCondition, type SequenceProblem } from '@pons/protocol/pure';

/**
 * What the editor tells the packager about the steps. Two kinds:
 * - `fieldHints`: what the server's schema refuses outright, so the steps cannot even be saved
 *   (an empty command, a malformed label or condition);
 * - `submitProblems`: what Submit refuses (a jump to a missing label, a duplicate label, an
 *   unzip of a file the package lacks), in the server's words.
 */

const DEFAULT_TIMEOUT_S: typeof ProtocolTimeout = 800;

const LABEL = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const FILE = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[^/\\:*?"<>|\x00-\x1f][^\\:*?"<>|\x00-\x1f]*$/;

export function fieldHints(step: Step): string[] {
  const hints: string[] = [];
  if (step.label !== undefined && !LABEL.test(step.label))
    hints.push('A label starts with a letter or _ and has only letters, digits and . _ - (64 at most).');
  switch (step.action) {
    case 'run':
      if (step.command.trim() === '') hints.push('The command is empty.');
      for (const branch of step.branches ?? []) {
        if (!parseReturnCodeCondition(branch.when))
          hints.push(`"${branch.when}" is not a return-code test (try 0, ==3, !=0, <3, >=2, IN 1,2, OUT 0,3010).`);
        if (branch.goto === '') hints.push(`The branch "${branch.when}" goes nowhere: choose where it jumps.`);
      }
      break;
    case 'notify':
      if (step.message.trim() === '') hints.push('The message is empty.');
      break;
    case 'setenv':
      if (!VARIABLE.test(step.name)) hints.push('A variable name starts with a letter or _ and has only letters, digits and _.');
      break;
    case 'unzip':
      if (!FILE.test(step.file)) hints.push('Choose the zip file to extract.');
      if (step.to !== undefined && !FILE.test(step.to)) hints.push('The destination must be a relative folder, without "..".');
      break;
    default:
      break;
  }
  return hints;
}

/** Hints of every step of every sequence, keyed `os:index`; empty when the steps can be saved. */
export function allFieldHints(sequences: Sequences): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [os, steps] of Object.entries(sequences) as [PackageOs, Step[]][]) {
    steps.forEach((step, index) => {
      const hints = fieldHints(step);
      if (hints.length > 0) out.set(`${os}:${index}`, hints);
    });
  }
  return out;
}

export type StepProblem = SequenceProblem;

/** What Submit would refuse (the check the server runs), leaving out steps that already have field hints (said once, there). */
export function submitProblems(os: readonly PackageOs[], sequences: Sequences, files: readonly string[]): StepProblem[] {
  const hinted = allFieldHints(sequences);
  return packageProblems(os, sequences, new Set(files)).filter((p) => p.step === null || !hinted.has(`${p.os}:${p.step - 1}`));
}

/** One line saying what a step does, for its collapsed card. */
export function stepSummary(step: Step): string {
  switch (step.action) {
    case 'run': {
      const line = step.command.split('\n').find((l) => l.trim() !== '') ?? '';
      const more = step.command.trim().includes('\n') ? ' …' : '';
      const extras = [
        step.timeoutS && step.timeoutS !== DEFAULT_TIMEOUT_S ? `timeout ${step.timeoutS} s` : '',
        step.branches?.length ? `${step.branches.length} ${step.branches.length === 1 ? 'branch' : 'branches'}` : '',
      ].filter(Boolean);
      return `${step.shell}: ${line.trim() || '(no command)'}${more}${extras.length ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'reboot':
      return `Reboot${step.delayS ? ` after ${step.delayS} s` : ''}${step.message ? `: "${step.message}"` : ''}`;
    case 'wait':
      return `Wait ${step.seconds} s`;
    case 'notify':
      return `Notify${step.title ? ` "${step.title}"` : ''}: ${step.message || '(no message)'}`;
    case 'setenv':
      return `Set ${step.name || '(no name)'}=${step.value}`;
    case 'unzip':
      return `Unzip ${step.file || '(no file)'}${step.to ? ` into ${step.to}` : ''}`;
    case 'success':
      return 'End with success';
    case 'error':
      return `End with error${step.message ? `: ${step.message}` : ''}`;
  }
}
