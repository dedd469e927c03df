import type { PackageOs, Sequences } from './descriptor.js';
import { parseReturnCodeCondition } from './return-code.js';
import { END_ERROR, END_SUCCESS } from './labels.js';
import type { Step } from './steps.js';

/** One thing wrong with a sequence, said so that the packager can find the step. */
export interface SequenceProblem {
  os: PackageOs;
  step: number | null;
  message: string;
}

/**
 * What stops a sequence from running as written: duplicate or reserved labels, jumps to labels
 * that do not exist, conditions that do not parse, files that are not in the package. An empty
 * list means the sequence can be submitted.
 */
export function sequenceProblems(os: PackageOs, steps: readonly Step[], fileNames: ReadonlySet<string>): SequenceProblem[] {
  const problems: SequenceProblem[] = [];
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
    if (step.action === 'unzip' && !fileNames.has(step.file)) say(n, `It unzips "${step.file}", which is not one of the package's files.`);
  });
  return problems;
}

/** Every problem of every sequence the package's OS list asks for. */
export function packageProblems(os: readonly PackageOs[], sequences: Sequences, fileNames: ReadonlySet<string>): SequenceProblem[] {
  const problems: SequenceProblem[] = [];
  for (const target of os) problems.push(...sequenceProblems(target, sequences[target] ?? [], fileNames));
  for (const extra of Object.keys(sequences) as PackageOs[]) {
    if (!os.includes(extra) && (sequences[extra]?.length ?? 0) > 0)
      problems.push({ os: extra, step: null, message: `There is a ${extra} sequence but ${extra} is not in the package's OS list.` });
  }
  return problems;
}
