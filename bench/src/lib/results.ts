import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine-info.js';
import { RESULTS_HEADER } from './results-header.js';

export type Row = [measure: string, value: string];

export interface Verdict {
  pass: boolean;
  target: string;
  why: string[];
}

/** Fixed-width table for the terminal. */
export function textTable(rows: Row[]): string {
  const width = Math.max(...rows.map(([m]) => m.length));
  return rows.map(([m, v]) => `  ${m.padEnd(width)}  ${v}`).join('\n');
}

export function markdownTable(rows: Row[]): string {
  return ['| measure | value |', '|---|---|', ...rows.map(([m, v]) => `| ${m} | ${v} |`)].join('\n');
}

/** Appends one dated entry to RESULTS.md, creating the file with its header the first time. */
export function recordResult(file: string, title: string, machine: MachineInfo, verdict: Verdict, rows: Row[], notes: string[] = []): void {
  if (!existsSync(file)) writeFileSync(file, RESULTS_HEADER);
  const when = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const entry = [
    '',
    `## ${when} UTC — ${title} — ${verdict.pass ? 'PASS' : 'FAIL'}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, ${machine.os}; load average ${machine.load} when the run started.`,
    `Target: ${verdict.target}${verdict.why.length ? ` Missed: ${verdict.why.join('; ')}.` : ''}`,
    '',
    markdownTable(rows),
    ...notes.flatMap((note) => ['', note]),
    '',
  ].join('\n');
  appendFileSync(file, entry);
}
