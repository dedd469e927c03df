import { setTimeout as sleep } from 'node:timers/promises';
import { Ceiling } from './ceiling.js';
import type { CeilingClientReport, FanoutOutcome } from './ceiling-messages.js';
import { median, quantiles, say } from './format.js';
import { peakRate } from './online-watch.js';
import { cpuMs, CpuWindow, statusMb } from './proc-stats.js';

/** About the size of a Pons `echo` broadcast frame (signed, with a short payload). */
export const MESSAGE_BYTES = 260;

export interface CeilingPlan {
  agents: number;
  processes: number;
  concurrency: number;
  /** Fan-outs to all, 3 s apart (the median is the figure). */
  fanouts: number;
  /** Staggered round trips: one message a second to every connection, a slice every tickMs; the first `warmup` seconds are not counted. */
  rtt?: { seconds: number; tickMs: number; warmup: number };
  /** Restart the server with every client connected and time the reconnect storm. */
  storm?: boolean;
}

export type Quantiles = ReturnType<typeof quantiles>;
export type CpuUse = ReturnType<CpuWindow['end']>;

export interface CeilingFigures {
  agents: number;
  rssIdleMb: number;
  rssAllMb: number;
  perConnKb: number;
  connect: { timeToAllMs: number | null; peakPerSec: number; serverCpuMs: number };
  fanouts: Array<Pick<FanoutOutcome, 'loopMs' | 'allMs' | 'received' | 'expected'>>;
  /** Median over the fan-outs: send loop, and start of the loop to the last reply. */
  fanoutLoopMs: number | null;
  fanoutMs: number | null;
  /** Round trips from each socket's write, overall and per counted second (warm-up apart); how late the ticks started. */
  rtt: { wire: Quantiles; warmup: Quantiles; perSecond: Quantiles[]; tickLag: Quantiles; expected: number; received: number } | null;
  storm: { timeToAllMs: number | null; peakPerSec: number; serverCpuMs: number; cpu: CpuUse } | null;
  /** CPU over the fan-outs and round trips: the ceiling's processes and everything else. */
  cpu: CpuUse | null;
  clients: { rssMb: number; cpuMs: number; failures: Record<string, number>; attempts: number };
}

const sumFailures = (reports: CeilingClientReport[]) => {
  const out: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.failures)) out[k] = (out[k] ?? 0) + v;
  return out;
};

async function rtt(ceiling: Ceiling, plan: { seconds: number; tickMs: number; warmup: number }): Promise<CeilingFigures['rtt']> {
  say(`ceiling: one message a second to every connection, a slice every ${plan.tickMs} ms, for ${plan.warmup} + ${plan.seconds} s`);
  const o = await ceiling.stagger(plan.warmup + plan.seconds, plan.tickMs, MESSAGE_BYTES);
  const counted = o.perSecond.slice(plan.warmup);
  return {
    wire: quantiles(counted.flat()),
    warmup: quantiles(o.perSecond.slice(0, plan.warmup).flat()),
    perSecond: counted.map((s) => quantiles(s)),
    tickLag: quantiles(o.tickLagMs),
    expected: o.expected,
    received: o.received,
  };
}

async function storm(ceiling: Ceiling, agents: number): Promise<CeilingFigures['storm']> {
  say(`ceiling: restarting the bare ws server with ${agents} clients connected`);
  const startedAt = performance.now();
  await ceiling.restart();
  const cpuBefore = cpuMs(ceiling.pid);
  const window = new CpuWindow([ceiling.pid, ...ceiling.clientPids]);
  const samples = await ceiling.waitFor(agents, 300_000, startedAt);
  const done = samples.at(-1)!;
  return {
    timeToAllMs: done.online >= agents ? done.t : null,
    peakPerSec: peakRate(samples, 'online'),
    serverCpuMs: cpuMs(ceiling.pid) - cpuBefore,
    cpu: window.end(),
  };
}

/** Runs the bare `ws` ceiling on the Pons certificate in `pkiDir` and measures what `plan` asks. */
export async function measureCeiling(pkiDir: string, plan: CeilingPlan): Promise<CeilingFigures> {
  const ceiling = await Ceiling.start(pkiDir);
  try {
    await sleep(500);
    const rssIdleMb = statusMb(ceiling.pid, 'VmRSS');
    say(
      `ceiling: bare ws server pid ${ceiling.pid}, idle RSS ${rssIdleMb.toFixed(1)} MB; ${plan.agents} clients in ${plan.processes} process(es)`,
    );
    const cpuBefore = cpuMs(ceiling.pid);
    const startedAt = performance.now();
    ceiling.startClients(plan.agents, plan.processes, plan.concurrency, plan.storm ?? false);
    const samples = await ceiling.waitFor(plan.agents, Math.max(120_000, plan.agents * 30), startedAt);
    const done = samples.at(-1)!;
    if (done.online < plan.agents) throw new Error(`the ceiling clients did not all connect (${done.online}/${plan.agents})`);
    const connect = { timeToAllMs: done.t, peakPerSec: peakRate(samples, 'online'), serverCpuMs: cpuMs(ceiling.pid) - cpuBefore };
    await sleep(2000);
    const rssAllMb = statusMb(ceiling.pid, 'VmRSS');
    say(`ceiling: ${plan.agents} connected in ${(done.t / 1000).toFixed(2)} s, RSS ${rssAllMb.toFixed(1)} MB`);
    const window = new CpuWindow([ceiling.pid, ...ceiling.clientPids]);
    const fanouts: CeilingFigures['fanouts'] = [];
    for (let i = 0; i < plan.fanouts; i++) {
      const { loopMs, allMs, received, expected } = await ceiling.fanout(i + 1, MESSAGE_BYTES);
      fanouts.push({ loopMs, allMs, received, expected });
      say(`ceiling: fan-out ${i + 1} to ${expected}: loop ${loopMs.toFixed(0)} ms, all replies ${allMs?.toFixed(0) ?? 'missing'} ms`);
      await sleep(i + 1 < plan.fanouts ? 3000 : 1000);
    }
    const rttFigures = plan.rtt ? await rtt(ceiling, plan.rtt) : null;
    const cpu = plan.fanouts > 0 || plan.rtt ? window.end() : null;
    const stormFigures = plan.storm ? await storm(ceiling, plan.agents) : null;
    const reports = await ceiling.stop();
    return {
      agents: plan.agents,
      rssIdleMb,
      rssAllMb,
      perConnKb: ((rssAllMb - rssIdleMb) * 1024) / plan.agents,
      connect,
      fanouts,
      fanoutLoopMs: median(fanouts.map((f) => f.loopMs)),
      fanoutMs: fanouts.some((f) => f.allMs === null) ? null : median(fanouts.map((f) => f.allMs!)),
      rtt: rttFigures,
      cpu,
      storm: stormFigures,
      clients: {
        rssMb: reports.reduce((t, r) => t + r.rssMb, 0),
        cpuMs: reports.reduce((t, r) => t + r.cpuMs, 0),
        failures: sumFailures(reports),
        attempts: reports.reduce((t, r) => t + r.attempts, 0),
      },
    };
  } finally {
    await ceiling.stop();
  }
}
