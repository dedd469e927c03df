import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine-info.js';

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

export const RESULTS_HEADER = `# Benchmark results

Each benchmark in \`bench/\` appends a dated entry here when it runs, with the machine it ran on,
its figures and its verdict against the current target. Newest entries are at the bottom. Build
first (\`npx tsc -b\`); the server under test and the load generator share the machine, so compare
entries from the same machine, and read the CPU columns next to the times.

## connect — \`npm run bench:connect -- --agents 2000\`

Starts a real \`pons server\` (SQLite, \`PONS_LOG_LEVEL=warn\`, temporary data directory), creates an
enrollment token, then runs the agent simulator (\`tools/agent-sim\`) as a separate process: N
agents, each with its own key, enrol over TLS with the pinned CA. It measures, from the server's
side:

- **time to all online**: from starting the simulator until the machine list
  (\`/api/v1/machines?status=online\` \`counts.online\`, i.e. the database) shows all N online; also
  when \`/healthz\` \`agentsConnected\` (authenticated sockets) reached N;
- **peak connects/s**: the steepest rise of the online count over any one-second window;
- **server RSS**: idle before the agents (\`/proc/<pid>/status\` VmRSS), with all connected, the peak
  (VmHWM), and the RSS per agent above idle;
- **server CPU**: spent during the connect phase (per agent), and while idle with all connected
  (\`/proc/<pid>/stat\` utime+stime over 5 s, % of one core);
- the simulator's own figures (its RSS and CPU, failed attempts by code), and how long the server
  takes to show every agent offline once the simulator stops.

Options: \`--agents N\` (2000), \`--concurrency C\` (200 connects in flight per simulator),
\`--sims P\` (spread the agents over P simulator processes; one process holds at most ~19,900
sockets here), \`--cpu-prof\` (write V8 CPU profiles of the server and the simulator to
\`bench/out/\`), \`--no-record\` (do not append here), \`--verbose\` (the simulator's progress).

Target: 2,000 agents online in under 30 s with the server under 400 MB RSS (peak). Both processes
share the machine's cores: the row "machine CPU used" shows how much of the machine the server and
the simulator had, and "waited for a CPU" how long their event loops were ready to run but had
no core (\`/proc/<pid>/schedstat\`): a large wait means the run was starved by other work on the
machine (see the load average), not slowed by the server.
`;

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
    ...(notes.length ? ['', ...notes] : []),
    '',
  ].join('\n');
  appendFileSync(file, entry);
}
