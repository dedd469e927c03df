import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '@pons/test-kit';
import { say } from './format.js';
import { machineInfo, type MachineInfo } from './machine-info.js';
import type { BenchOptions } from './options.js';
import { markdownTable, recordResult, textTable, type Row, type Verdict } from './results.js';

export const RESULTS = path.join(ROOT, 'bench/RESULTS.md');

/** The commit the run measured, and whether the server or its packages had uncommitted changes. */
export function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'apps/server', 'packages', 'tools').length > 0;
    return `Code: commit ${git('rev-parse', '--short', 'HEAD')} (${git('log', '-1', '--format=%s').slice(0, 100)})${dirty ? ', with uncommitted changes to the server, packages or tools' : ''}.`;
  } catch {
    return 'Code: not a git checkout.';
  }
}

/** Prints the table and the verdict, then appends the entry to RESULTS.md (unless --no-record). */
export function report(
  name: string,
  title: string,
  options: BenchOptions,
  verdict: Verdict,
  rows: Row[],
  notes: string[] = [],
  machine: MachineInfo = machineInfo(),
): void {
  const missed = verdict.why.length ? `missed: ${verdict.why.join('; ')}\n` : '';
  const extra = notes.length ? `\n${notes.join('\n\n')}\n` : '';
  process.stdout.write(
    `\n${name} benchmark: ${verdict.pass ? 'PASS' : 'FAIL'} — target: ${verdict.target}\n${textTable(rows)}\n${missed}${extra}\n`,
  );
  const allNotes = [
    codeVersion(),
    ...notes,
    ...(options.cpuProf ? ['Run with `--cpu-prof`: the profiler slows the server; do not compare these times with plain runs.'] : []),
  ];
  if (!options.record) {
    say(`not recorded (--no-record):\n${markdownTable(rows)}`);
    return;
  }
  recordResult(RESULTS, title, machine, verdict, rows, allNotes);
  say(`recorded in ${path.relative(process.cwd(), RESULTS)}`);
}

/** Runs a benchmark's main and exits 0 on PASS, 1 on FAIL or error. */
export function main(run: () => Promise<boolean>): void {
  run().then(
    (pass) => process.exit(pass ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
