import {
  parseReturnCodeCondition,
  type DEFAULT_STEP_TIMEOUT_S as ProtocolTimeout,
  type PackageOs,
  type Sequences,
  type Step,
} from '@pons/protocol';
import { END_ERROR, END_SUCCESS } from './step-edit.js';

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

export interface StepProblem {
  os: PackageOs;
  /** 1-based, as the server counts; null for the sequence as a whole. */
  step: number | null;
  message: string;
}

/**
 * What Submit would refuse, leaving out steps that already have field hints (said once, there).
 * The protocol's `packageProblems`, which the server runs, sits in a module that would bring the
 * schema library into the bundle; this is the same check, held to it by a test.
 */
export function submitProblems(os: readonly PackageOs[], sequences: Sequences, files: readonly string[]): StepProblem[] {
  const hinted = allFieldHints(sequences);
  return packageProblems(os, sequences, new Set(files)).filter((p) => p.step === null || !hinted.has(`${p.os}:${p.step - 1}`));
}

export function packageProblems(os: readonly PackageOs[], sequences: Sequences, files: ReadonlySet<string>): StepProblem[] {
  const problems: StepProblem[] = [];
  for (const target of os) problems.push(...sequenceProblems(target, sequences[target] ?? [], files));
  for (const extra of Object.keys(sequences) as PackageOs[]) {
    if (!os.includes(extra) && (sequences[extra]?.length ?? 0) > 0)
      problems.push({ os: extra, step: null, message: `There is a ${extra} sequence but ${extra} is not in the package's OS list.` });
  }
  return problems;
}

function sequenceProblems(os: PackageOs, steps: readonly Step[], files: ReadonlySet<string>): StepProblem[] {
  const problems: StepProblem[] = [];
  const say = (step: number | null, message: string) => problems.push({ os, step, message });
  if (steps.length === 0) say(null, `The ${os} sequence has no steps.`);
  const labels = new Map<string, number>();
  steps.forEach((step, index) => {
    if (step.label === undefined) return;
    if (step.label === END_SUCCESS || step.label === END_ERROR) say(index + 1, `"${step.label}" is reserved; choose another label.`);
    else if (labels.has(step.label)) say(index + 1, `The label "${step.label}" is already used by step ${labels.get(step.label)}.`);
    else labels.set(step.label, index + 1);
  });
  const known = (label: string) => label === END_SUCCESS || label === END_ERROR || labels.has(label);
  steps.forEach((step, index) => {
    const n = index + 1;
    const targets: Array<[string, string]> = [];
    if (step.next) targets.push(['next', step.next]);
    if (step.action === 'run') {
      if (step.onFailure) targets.push(['onFailure', step.onFailure]);
      for (const branch of step.branches ?? []) {
        targets.push([`branch "${branch.when}"`, branch.goto]);
        if (!parseReturnCodeCondition(branch.when)) say(n, `"${branch.when}" is not a return-code test (try 0, !=0, <3, IN 1,2).`);
      }
    }
    for (const [what, label] of targets) {
      if (!known(label)) say(n, `Its ${what} goes to "${label}", which no step of the ${os} sequence is labelled.`);
    }
    if (step.action === 'unzip' && !files.has(step.file)) say(n, `It unzips "${step.file}", which is not one of the package's files.`);
  });
  return problems;
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
