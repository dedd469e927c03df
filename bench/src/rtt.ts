import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandSummary } from '@pons/protocol';
import { measureCeiling, type CeilingFigures, type Quantiles } from './lib/ceiling-measure.js';
import { ceilingRows, trip } from './lib/ceiling-rows.js';
import { allResults, echoToAll, roundTrips, waitSettled } from './lib/commands-api.js';
import { cpuWindowText, msText, quantiles, ratio, say } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { COMMON_USAGE, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { cpuMs, CpuWindow } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row, Verdict } from './lib/results.js';

/** Target: with one `echo` to all every second, the p99 round trip of every target is at most 50 ms. */
const TARGET = { agents: 5000, p99Ms: 50 };
const o = parseBenchOptions(`npm run bench:rtt -- ${COMMON_USAGE} [--seconds S]`, { agents: TARGET.agents, seconds: 30 });

export const SENT_AT_NOTE =
  'The server-side round trip is completedAt − sentAt. sentAt is stamped once per command, when its targets are claimed: before the claim UPDATE and before the send loop walks the sockets. So every round trip includes the claim and the walk of the send loop up to its socket (the last socket waits for the whole loop), as the ceiling\'s "from send-loop start" does.';

interface Second {
  summary: CommandSummary;
  postMs: number;
  trips: Quantiles;
  missing: number;
}

async function measure(run: PonsRun): Promise<{ seconds: Second[]; all: Quantiles; cpuMs: number; machine: ReturnType<CpuWindow['end']> }> {
  const pid = run.server.pid;
  const cpuBefore = cpuMs(pid);
  const window = new CpuWindow([pid, ...run.fleet!.pids]);
  const started = performance.now();
  const posts: Array<Promise<{ summary: CommandSummary; postMs: number }>> = [];
  say(`one echo to all ${o.agents} agents every second for ${o.seconds} s`);
  for (let i = 0; i < o.seconds; i++) {
    await sleep(Math.max(0, started + i * 1000 - performance.now()));
    const at = performance.now();
    posts.push(echoToAll(run.api, `rtt ${i}`).then((summary) => ({ summary, postMs: performance.now() - at })));
  }
  const created = await Promise.all(posts);
  const settled = await Promise.all(created.map((c) => waitSettled(run.api, c.summary.id, { intervalMs: 500, timeoutMs: 120_000 })));
  const used = cpuMs(pid) - cpuBefore;
  const machine = window.end();
  say("reading every target's result");
  const all: number[] = [];
  const seconds: Second[] = [];
  for (const [i, c] of created.entries()) {
    const trips = roundTrips(await allResults(run.api, c.summary.id));
    all.push(...trips);
    seconds.push({ summary: settled[i]!.summary, postMs: c.postMs, trips: quantiles(trips), missing: c.summary.total - trips.length });
  }
  return { seconds, all: quantiles(all), cpuMs: used, machine };
}

function perSecondTable(seconds: Second[], c: CeilingFigures | null): string {
  const lines = [
    '| second | p50 / p99 / max (ms) | ceiling p50 / p99 / max (ms) | POST answered (ms) | not succeeded |',
    '|---|---|---|---|---|',
  ];
  for (const [i, s] of seconds.entries()) {
    const q = s.trips;
    const cq = c?.rtt?.perSecond[i];
    lines.push(
      `| ${i + 1} | ${q.p50 ?? '-'} / ${q.p99 ?? '-'} / ${q.max ?? '-'} | ${cq ? trip(cq).replace(' ms', '') : '-'} | ${Math.round(s.postMs)} | ${s.missing} |`,
    );
  }
  return lines.join('\n');
}

function rows(m: Awaited<ReturnType<typeof measure>>, c: CeilingFigures | null, backend: string): Row[] {
  const posts = quantiles(m.seconds.map((s) => s.postMs));
  const missing = m.seconds.reduce((t, s) => t + s.missing, 0);
  return [
    ['agents (simulator processes), database', `${o.agents} (${o.sims}), ${backend}`],
    ['commands (one echo to all per second)', `${m.seconds.length} × ${o.agents} targets`],
    ['round trip completedAt − sentAt p50 / p99 / max (server clock, every target)', trip(m.all) + ratio(m.all.p99, c?.rtt?.fromStart.p99)],
    [
      '  as ratio to the ceiling (from send-loop start) p50 / p99',
      c?.rtt ? `${(m.all.p50! / c.rtt.fromStart.p50!).toFixed(2)}× / ${(m.all.p99! / c.rtt.fromStart.p99!).toFixed(2)}×` : 'n/a',
    ],
    ['round trips counted / targets not succeeded', `${m.all.count} / ${missing}`],
    ['worst second p99', `${Math.max(...m.seconds.map((s) => s.trips.p99 ?? 0))} ms`],
    [
      'POST /commands answered (insert + claim + send loop) p50 / p99 / max',
      `${msText(posts.p50)} / ${msText(posts.p99)} / ${msText(posts.max)}`,
    ],
    ['server CPU over the run', `${(m.cpuMs / 1000).toFixed(2)} s (${((m.cpuMs / (o.seconds * 1000)) * 100).toFixed(0)} % of one core)`],
    ['machine CPU over the run', cpuWindowText(m.machine, availableParallelism())],
    ...(c ? ceilingRows(c, o.sims) : []),
  ];
}

main(async () => {
  const machine = machineInfo();
  const run = await PonsRun.start(o);
  try {
    const ceiling = o.ceiling
      ? await measureCeiling(run.pkiDir, {
          agents: o.agents,
          processes: o.sims,
          concurrency: o.concurrency,
          fanouts: 0,
          rttSeconds: o.seconds,
        })
      : null;
    await run.connectFleet(false);
    const m = await measure(run);
    const why: string[] = [];
    if (o.agents !== TARGET.agents) why.push(`ran ${o.agents} agents; the target is defined for ${TARGET.agents}`);
    if (m.all.p99 === null || m.all.count < o.agents * o.seconds) why.push('not every target answered');
    if (m.all.p99 !== null && m.all.p99 > TARGET.p99Ms) why.push(`p99 round trip ${m.all.p99} ms`);
    const verdict: Verdict = {
      pass: why.length === 0,
      target: `with one echo to all ${TARGET.agents.toLocaleString('en')} agents every second, p99 round trip (completedAt − sentAt) at most ${TARGET.p99Ms} ms.`,
      why,
    };
    const notes = [SENT_AT_NOTE, `Per second (command n, sent at n−1 s):\n\n${perSecondTable(m.seconds, ceiling)}`];
    report(
      'rtt',
      `rtt, ${o.agents.toLocaleString('en')} agents × 1 echo/s for ${o.seconds} s, ${run.backend}`,
      o,
      verdict,
      rows(m, ceiling, run.backend),
      notes,
      machine,
    );
    return verdict.pass;
  } finally {
    await run.dispose();
  }
});
