import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandSummary, CommandTargetResult, MachineList } from '@pons/protocol';
import type { ApiClient } from '@pons/test-kit';
import { measureCeiling, type CeilingFigures, type Quantiles } from './lib/ceiling-measure.js';
import { ceilingRows, trip } from './lib/ceiling-rows.js';
import { allResults } from './lib/commands-api.js';
import { cpuWindowText, quantiles, ratio, say } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { COMMON_USAGE, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { cpuMs, CpuWindow, runQueueWaitMs } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row, Verdict } from './lib/results.js';

/**
 * Round trips under a steady command load: every agent receives one signed `echo` a second. The
 * agents are split into 1000/tickMs slices and one command goes to the next slice every tickMs
 * (POST /api/v1/commands with that slice's machine ids), so the load is spread over the second as
 * real traffic is, not sent in one burst. The ceiling runs the same pattern on a bare ws server.
 * The first --warmup seconds (5) of load run the same way but are not counted: the first second of
 * a fresh process compiles its hot paths and would weigh on the p99 of any short run. The agents
 * answer with when they read the command and wrote the answer (--echo-timing), so that each round
 * trip splits into its way to the agent, its time in the agent and its way back.
 * Target: p99 round trip (completedAt − sentAt, every target) at most 50 ms at 5,000 agents.
 */
const TARGET = { agents: 5000, p99Ms: 50 };
// Two simulator processes by default, as for the ceiling's clients: real agents are each their own
// process, and one process answering all 5,000 is a queue of its own that no agent has.
const o = parseBenchOptions(`npm run bench:rtt -- ${COMMON_USAGE} [--seconds S] [--tick-ms T] [--warmup W]`, {
  agents: TARGET.agents,
  seconds: 30,
  perProcess: 2500,
});

interface Sent {
  second: number;
  /** When the POST went out, after its planned time. */
  lagMs: number;
  postMs: number;
  summary: CommandSummary;
}

/** Where a round trip went: server write to agent read, inside the agent, agent write to server read. */
interface Legs {
  toAgent: number[];
  inAgent: number[];
  back: number[];
}

interface Measured {
  sent: Sent[];
  legs: Legs;
  /** The legs of the slowest 1 % of round trips, averaged. */
  slowest: { toAgent: number; inAgent: number; back: number; total: number } | null;
  wire: Quantiles;
  warmup: Quantiles;
  accepted: Quantiles;
  perSecond: Quantiles[];
  posts: Quantiles;
  lag: Quantiles;
  notSucceeded: number;
  cpuMs: number;
  machine: ReturnType<CpuWindow['end']>;
  /** How long the server's and the simulators' event loops were ready to run but had no core. */
  waitedMs: { server: number; sims: number };
}

/** Every machine id, in the server's order, 1,000 a page. */
async function machineIds(api: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api.call<MachineList>('GET', `/api/v1/machines?limit=1000&offset=${offset}`);
    ids.push(...page.items.map((m) => m.id));
    if (page.items.length < 1000) return ids;
  }
}

/** A command's results once none is queued or sent any more (or after 60 s). */
async function finalResults(api: ApiClient, id: string): Promise<CommandTargetResult[]> {
  for (let tries = 0; ; tries++) {
    const results = await allResults(api, id);
    if (tries >= 120 || results.every((r) => r.status !== 'queued' && r.status !== 'sent')) return results;
    await sleep(500);
  }
}

async function measure(run: PonsRun): Promise<Measured> {
  const ids = await machineIds(run.api);
  const ticks = Math.max(1, Math.round(1000 / o.tickMs));
  const slices = Array.from({ length: ticks }, (_, t) =>
    ids.slice(Math.floor((t * ids.length) / ticks), Math.floor(((t + 1) * ids.length) / ticks)),
  );
  const seconds = o.warmup + o.seconds;
  say(
    `one echo a second to each of ${ids.length} agents: ${ticks} commands a second of ~${slices[0]!.length} targets, for ${o.warmup} s of warm-up + ${o.seconds} s`,
  );
  const pid = run.server.pid;
  const simPids = run.fleet!.pids;
  const waited = () => ({ server: runQueueWaitMs(pid), sims: simPids.reduce((t, p) => t + runQueueWaitMs(p), 0) });
  let cpuBefore = cpuMs(pid);
  let window = new CpuWindow([pid, ...simPids]);
  let waitedBefore = waited();
  const started = performance.now();
  const posts: Array<Promise<Sent>> = [];
  for (let second = 0; second < seconds; second++) {
    if (second === o.warmup) {
      cpuBefore = cpuMs(pid);
      window = new CpuWindow([pid, ...simPids]);
      waitedBefore = waited();
    }
    for (let tick = 0; tick < ticks; tick++) {
      const planned = started + second * 1000 + tick * o.tickMs;
      const wait = planned - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now();
      const body = { name: 'echo', args: { payload: `rtt ${second}.${tick}` }, targets: { machines: slices[tick]! }, ttlMs: 10_000 };
      posts.push(
        run.api
          .call<CommandSummary>('POST', '/api/v1/commands', body)
          .then((summary) => ({ second, lagMs: at - planned, postMs: performance.now() - at, summary })),
      );
    }
  }
  const sent = await Promise.all(posts);
  await sleep(1000);
  const used = cpuMs(pid) - cpuBefore;
  const machine = window.end();
  const waitedAfter = waited();
  const waitedMs = { server: waitedAfter.server - waitedBefore.server, sims: waitedAfter.sims - waitedBefore.sims };
  say(`reading the results of ${sent.length} commands`);
  const wire: number[] = [];
  const warmup: number[] = [];
  const accepted: number[] = [];
  const perSecond: number[][] = Array.from({ length: o.seconds }, () => []);
  const legs: Legs = { toAgent: [], inAgent: [], back: [] };
  const trips: Array<{ total: number; toAgent: number; inAgent: number; back: number }> = [];
  let notSucceeded = 0;
  for (const s of sent) {
    for (const r of await finalResults(run.api, s.summary.id)) {
      if (r.status !== 'succeeded' || r.sentAt === null || r.completedAt === null) {
        notSucceeded++;
        continue;
      }
      if (s.second < o.warmup) {
        warmup.push(r.completedAt - r.sentAt);
        continue;
      }
      wire.push(r.completedAt - r.sentAt);
      perSecond[s.second - o.warmup]!.push(r.completedAt - r.sentAt);
      accepted.push(r.completedAt - s.summary.createdAt);
      const { readAt, answeredAt } = (r.output ?? {}) as { readAt?: number; answeredAt?: number };
      if (typeof readAt === 'number' && typeof answeredAt === 'number') {
        const leg = {
          total: r.completedAt - r.sentAt,
          toAgent: readAt - r.sentAt,
          inAgent: answeredAt - readAt,
          back: r.completedAt - answeredAt,
        };
        legs.toAgent.push(leg.toAgent);
        legs.inAgent.push(leg.inAgent);
        legs.back.push(leg.back);
        trips.push(leg);
      }
    }
  }
  const counted = sent.filter((s) => s.second >= o.warmup);
  trips.sort((a, b) => b.total - a.total);
  const worst = trips.slice(0, Math.max(1, Math.floor(trips.length / 100)));
  const mean = (pick: (t: (typeof trips)[number]) => number) => worst.reduce((sum, t) => sum + pick(t), 0) / worst.length;
  return {
    sent,
    legs,
    slowest: trips.length
      ? { toAgent: mean((t) => t.toAgent), inAgent: mean((t) => t.inAgent), back: mean((t) => t.back), total: mean((t) => t.total) }
      : null,
    wire: quantiles(wire),
    warmup: quantiles(warmup),
    accepted: quantiles(accepted),
    perSecond: perSecond.map((p) => quantiles(p)),
    posts: quantiles(counted.map((s) => s.postMs)),
    lag: quantiles(counted.map((s) => s.lagMs)),
    notSucceeded,
    cpuMs: used,
    machine,
    waitedMs,
  };
}

const q3 = (q: Quantiles): string => (q.p50 === null ? 'n/a' : `${Math.round(q.p50)} / ${Math.round(q.p99!)} / ${Math.round(q.max!)} ms`);

function perSecondTable(m: Measured, c: CeilingFigures | null): string {
  const lines = ['| second | p50 / p99 / max (ms) | ceiling p50 / p99 / max (ms) |', '|---|---|---|'];
  for (const [i, q] of m.perSecond.entries()) {
    const cq = c?.rtt?.perSecond[i];
    lines.push(`| ${i + 1} | ${q3(q).replace(' ms', '')} | ${cq ? trip(cq).replace(' ms', '') : '-'} |`);
  }
  return lines.join('\n');
}

function rows(m: Measured, c: CeilingFigures | null, backend: string): Row[] {
  const ticks = Math.round(1000 / o.tickMs);
  return [
    ['agents (simulator processes), database', `${o.agents} (${o.sims}), ${backend}`],
    ['load', `one echo a second to every agent: ${ticks} commands/s of ~${Math.round(o.agents / ticks)} targets, for ${o.seconds} s`],
    ['round trip completedAt − sentAt p50 / p99 / max (server clock, every target)', q3(m.wire) + ratio(m.wire.p99, c?.rtt?.wire.p99)],
    ['from the command accepted (createdAt) to the reply, p50 / p99 / max', q3(m.accepted)],
    [`warm-up (first ${o.warmup} s, not counted) round trip p50 / p99 / max`, q3(m.warmup)],
    ['  server write → agent read, p50 / p99 / max', q3(quantiles(m.legs.toAgent))],
    ['  inside the agent (verify, answer), p50 / p99 / max', q3(quantiles(m.legs.inAgent))],
    ['  agent write → server read, p50 / p99 / max', q3(quantiles(m.legs.back))],
    [
      '  the slowest 1 %: mean round trip = to agent + in agent + back',
      m.slowest
        ? `${m.slowest.total.toFixed(0)} = ${m.slowest.toAgent.toFixed(0)} + ${m.slowest.inAgent.toFixed(0)} + ${m.slowest.back.toFixed(0)} ms`
        : 'n/a',
    ],
    ['round trips counted / targets not succeeded', `${m.wire.count} / ${m.notSucceeded}`],
    ['POST /commands answered p50 / p99 / max (client)', q3(m.posts)],
    ['POST sent after its planned time p50 / p99 / max (bench)', q3(m.lag)],
    ['server CPU over the run', `${(m.cpuMs / 1000).toFixed(2)} s (${((m.cpuMs / m.machine.wallMs) * 100).toFixed(0)} % of one core)`],
    ['machine CPU over the run', cpuWindowText(m.machine, availableParallelism())],
    [
      'waited for a CPU over the run: server / simulators',
      `${(m.waitedMs.server / 1000).toFixed(2)} s / ${(m.waitedMs.sims / 1000).toFixed(2)} s`,
    ],
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
          rtt: { seconds: o.seconds, tickMs: o.tickMs, warmup: o.warmup },
        })
      : null;
    await run.connectFleet(false, ['--echo-timing']);
    const m = await measure(run);
    const why: string[] = [];
    if (o.agents !== TARGET.agents) why.push(`ran ${o.agents} agents; the target is defined for ${TARGET.agents}`);
    if (m.notSucceeded > 0 || m.wire.count < o.agents * o.seconds) why.push(`${m.notSucceeded} targets did not succeed`);
    if (m.wire.p99 !== null && m.wire.p99 > TARGET.p99Ms) why.push(`p99 round trip ${m.wire.p99} ms`);
    const verdict: Verdict = {
      pass: why.length === 0,
      target: `with one echo a second to each of ${TARGET.agents.toLocaleString('en')} agents, p99 round trip (completedAt − sentAt) at most ${TARGET.p99Ms} ms.`,
      why,
    };
    const notes = [
      'sentAt is stamped per target when its frame is written to the socket, completedAt when its answer is read: the ceiling measures the same span (from its own socket write).',
      `Per counted second (after the warm-up):\n\n${perSecondTable(m, ceiling)}`,
    ];
    report(
      'rtt',
      `rtt, ${o.agents.toLocaleString('en')} agents × 1 echo/s (a slice every ${o.tickMs} ms) for ${o.seconds} s after ${o.warmup} s of warm-up, ${run.backend}`,
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
