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

/** What the server's sentAt means, told from the results themselves: one value per command, or one per target. */
function sentAtNote(perTarget: boolean): string {
  return perTarget
    ? 'The server-side round trip is completedAt − sentAt, and this server stamps sentAt per target when its frame is written to the socket: the round trip does not include the walk of the send loop before that socket (the ceiling\'s comparable figure is "from its own socket write"; "from send-loop start" is shown too).'
    : 'The server-side round trip is completedAt − sentAt. This server stamps sentAt once per command, when its targets are claimed: before the claim UPDATE and before the send loop walks the sockets. So every round trip INCLUDES the claim and the walk of the send loop up to its socket (the last socket waits for the whole loop), as the ceiling\'s "from send-loop start" does.';
}

interface Second {
  summary: CommandSummary;
  postMs: number;
  trips: Quantiles;
  missing: number;
}

async function measure(
  run: PonsRun,
): Promise<{ seconds: Second[]; all: Quantiles; cpuMs: number; machine: ReturnType<CpuWindow['end']>; perTarget: boolean }> {
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
  let perTarget = false;
  for (const [i, c] of created.entries()) {
    const results = await allResults(run.api, c.summary.id);
    if (new Set(results.map((r) => r.sentAt)).size > 1) perTarget = true;
    const trips = roundTrips(results);
    all.push(...trips);
    seconds.push({ summary: settled[i]!.summary, postMs: c.postMs, trips: quantiles(trips), missing: c.summary.total - trips.length });
  }
  return { seconds, all: quantiles(all), cpuMs: used, machine, perTarget };
}

function perSecondTable(seconds: Second[], c: CeilingFigures | null, perTarget: boolean): string {
  const lines = [
    `| second | p50 / p99 / max (ms) | ceiling ${perTarget ? 'from its own write' : 'from send-loop start'} p50 / p99 / max (ms) | POST answered (ms) | not succeeded |`,
    '|---|---|---|---|---|',
  ];
  for (const [i, s] of seconds.entries()) {
    const q = s.trips;
    const cq = perTarget ? c?.rtt?.perSecondWire[i] : c?.rtt?.perSecond[i];
    lines.push(
      `| ${i + 1} | ${q.p50 ?? '-'} / ${q.p99 ?? '-'} / ${q.max ?? '-'} | ${cq ? trip(cq).replace(' ms', '') : '-'} | ${Math.round(s.postMs)} | ${s.missing} |`,
    );
  }
  return lines.join('\n');
}

function rows(m: Awaited<ReturnType<typeof measure>>, c: CeilingFigures | null, backend: string): Row[] {
  const posts = quantiles(m.seconds.map((s) => s.postMs));
  const missing = m.seconds.reduce((t, s) => t + s.missing, 0);
  // Compare like with like: a per-target sentAt with the ceiling's own-write round trip.
  const base = m.perTarget ? c?.rtt?.wire : c?.rtt?.fromStart;
  const baseName = m.perTarget ? 'from its own socket write' : 'from send-loop start';
  return [
    ['agents (simulator processes), database', `${o.agents} (${o.sims}), ${backend}`],
    ['commands (one echo to all per second)', `${m.seconds.length} × ${o.agents} targets`],
    ['round trip completedAt − sentAt p50 / p99 / max (server clock, every target)', trip(m.all) + ratio(m.all.p99, base?.p99)],
    [
      `  as ratio to the ceiling (${baseName}) p50 / p99`,
      base?.p50 && m.all.p50 !== null ? `${(m.all.p50 / base.p50).toFixed(2)}× / ${(m.all.p99! / base.p99!).toFixed(2)}×` : 'n/a',
    ],
    ['round trips counted / targets not succeeded', `${m.all.count} / ${missing}`],
    ['sentAt stamped', m.perTarget ? 'per target, when written to its socket' : 'once per command, before the claim and the send loop'],
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
    const notes = [sentAtNote(m.perTarget), `Per second (command n, sent at n−1 s):\n\n${perSecondTable(m.seconds, ceiling, m.perTarget)}`];
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
