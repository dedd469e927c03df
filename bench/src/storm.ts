import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { measureCeiling, type CeilingFigures } from './lib/ceiling-measure.js';
import { ceilingRows, failureText } from './lib/ceiling-rows.js';
import { cpuWindowText, mb, ratio, say, secs } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { peakRate, watchOnline, type OnlineSample } from './lib/online-watch.js';
import { COMMON_USAGE, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { cpuMs, CpuWindow, runQueueWaitMs, statusMb } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row, Verdict } from './lib/results.js';
import type { SimReport } from './lib/sim-child.js';

/** Target: every agent back online within 60 s of the restart (SIGTERM), none giving up. */
const TARGET = { agents: 19_000, seconds: 60 };
const o = parseBenchOptions(`npm run bench:storm -- ${COMMON_USAGE} [--no-tls-resume]`, { agents: TARGET.agents });

interface Storm {
  stopMs: number;
  listeningMs: number;
  samples: OnlineSample[];
  allBackMs: number | null;
  cpuMs: number;
  runQueueMs: number;
  machine: ReturnType<CpuWindow['end']>;
  rssMb: number;
  peakRssMb: number;
  before: SimReport;
  after: SimReport | null;
  simCodes: Array<number | null>;
}

function newFailures(before: SimReport, after: SimReport | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after?.failures ?? {})) if (v > (before.failures[k] ?? 0)) out[k] = v - (before.failures[k] ?? 0);
  return out;
}

async function storm(run: PonsRun, before: SimReport): Promise<Storm> {
  say(`restarting the server with ${o.agents} agents connected (SIGTERM, then start on the same data and port)`);
  const startedAt = performance.now();
  await run.server.stop();
  const stopMs = performance.now() - startedAt;
  await run.server.start();
  const listeningMs = performance.now() - startedAt;
  const pid = run.server.pid;
  const [cpuBefore, waitBefore] = [cpuMs(pid), runQueueWaitMs(pid)];
  const window = new CpuWindow([pid, ...run.fleet!.pids]);
  say(`server stopped in ${secs(stopMs)}, listening again after ${secs(listeningMs)} (pid ${pid})`);
  let lastSay = 0;
  const { samples, done } = await watchOnline(run.api, (s) => s.online >= o.agents, {
    intervalMs: 100,
    timeoutMs: 300_000,
    startedAt,
    onSample: (s) => {
      if (s.t - lastSay < 5000) return;
      lastSay = s.t;
      say(`${secs(s.t)} after SIGTERM: ${s.online} online`);
    },
  });
  const allBackMs = done ? samples.at(-1)!.t : null;
  const used = { cpuMs: cpuMs(pid) - cpuBefore, runQueueMs: runQueueWaitMs(pid) - waitBefore, machine: window.end() };
  await sleep(2000);
  const [rssMb, peakRssMb] = [statusMb(pid, 'VmRSS'), statusMb(pid, 'VmHWM')];
  const stopped = await run.fleet!.stop();
  return { stopMs, listeningMs, samples, allBackMs, ...used, rssMb, peakRssMb, before, after: stopped.final, simCodes: stopped.codes };
}

function rows(s: Storm, c: CeilingFigures | null, backend: string): Row[] {
  const gateway = s.samples.find((x) => x.connected >= o.agents)?.t ?? null;
  const after = s.after;
  return [
    ['agents (simulator processes, connects in flight each), database', `${o.agents} (${o.sims}, ${o.concurrency}), ${backend}`],
    [
      'TLS on reconnect',
      o.tlsResume
        ? 'agents resume their TLS sessions (as the agent does; the ceiling does not)'
        : 'a full handshake for every agent (--no-tls-resume: sessions older than 7 days)',
    ],
    ['server stop (SIGTERM to exit)', secs(s.stopMs)],
    ['server listening again (from SIGTERM)', secs(s.listeningMs)],
    ['all online again, database (from SIGTERM)', secs(s.allBackMs) + ratio(s.allBackMs, c?.storm?.timeToAllMs)],
    ['all online again, database (from listening)', secs(s.allBackMs === null ? null : s.allBackMs - s.listeningMs)],
    ['all connected again, gateway (from SIGTERM)', secs(gateway)],
    [
      'peak connects/s (1 s window, database)',
      String(peakRate(s.samples, 'online')) + ratio(peakRate(s.samples, 'online'), c?.storm?.peakPerSec),
    ],
    ['peak connects/s (1 s window, gateway)', String(peakRate(s.samples, 'connected'))],
    ['server CPU from listening to all online', `${(s.cpuMs / 1000).toFixed(2)} s (${(s.cpuMs / o.agents).toFixed(2)} ms per agent)`],
    ['server waited for a CPU (run queue) in that time', `${(s.runQueueMs / 1000).toFixed(2)} s`],
    ['machine CPU from listening to all online', cpuWindowText(s.machine, availableParallelism())],
    ['server RSS after the storm / peak (VmHWM)', `${mb(s.rssMb)} / ${mb(s.peakRssMb)}`],
    ['simulator attempts during the storm', after ? String(after.attempts - s.before.attempts) : 'n/a'],
    ['connects that resumed their TLS session during the storm', after ? String(after.tlsResumed - s.before.tlsResumed) : 'n/a'],
    ['simulator failed attempts during the storm, by code', failureText(newFailures(s.before, after))],
    ['agents that gave up', after ? String(after.failedAgents) : 'unknown (no final report)'],
    ['simulator exit codes', s.simCodes.join(', ')],
    ...(c ? ceilingRows(c, o.sims) : []),
  ];
}

main(async () => {
  const machine = machineInfo();
  const run = await PonsRun.start(o);
  try {
    const ceiling = o.ceiling
      ? await measureCeiling(run.pkiDir, { agents: o.agents, processes: o.sims, concurrency: o.concurrency, fanouts: 0, storm: true })
      : null;
    const { report: before } = await run.connectFleet(true, o.tlsResume ? [] : ['--no-tls-resume']);
    const s = await storm(run, before);
    const why: string[] = [];
    if (o.agents !== TARGET.agents) why.push(`ran ${o.agents} agents; the target is defined for ${TARGET.agents}`);
    if (s.allBackMs === null) why.push('not every agent came back within 300 s');
    else if (s.allBackMs > TARGET.seconds * 1000) why.push(`all back after ${secs(s.allBackMs)}`);
    if (!s.after || s.after.failedAgents > 0) why.push('some agents gave up');
    const verdict: Verdict = {
      pass: why.length === 0,
      target: `all ${TARGET.agents.toLocaleString('en')} agents online again (database) within ${TARGET.seconds} s of a server restart (SIGTERM), none giving up.`,
      why,
    };
    const notes = [
      'Agents reconnect with the real agent\'s policy (full jitter from 1 s; after a 1012 "restart" close a 0-8 s window, doubled after each failure, except that refused connects, while the server is not listening yet, widen it only to 0-16 s): most of the time to all back is the agents\' own jitter, which is why the ceiling runs the same policy.',
    ];
    report(
      'storm',
      `storm, ${o.agents.toLocaleString('en')} agents, ${run.backend}`,
      o,
      verdict,
      rows(s, ceiling, run.backend),
      notes,
      machine,
    );
    return verdict.pass;
  } finally {
    await run.dispose();
  }
});
