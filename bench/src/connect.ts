import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '@pons/test-kit';
import { BenchServer } from './lib/bench-server.js';
import { machineInfo } from './lib/machine-info.js';
import { peakRate, watchOnline, type OnlineSample } from './lib/online-watch.js';
import { cpuMs, cpuPercentOver, runQueueWaitMs, statusMb } from './lib/proc-stats.js';
import { markdownTable, recordResult, textTable, type Row, type Verdict } from './lib/results.js';
import { SimFleet, type SimReport } from './lib/sim-child.js';

/** The current target (explained in bench/RESULTS.md). */
const TARGET = { agents: 2000, seconds: 30, rssMb: 400 };
const RESULTS = path.join(ROOT, 'bench/RESULTS.md');
const PROFILE_DIR = path.join(ROOT, 'bench/out');
const USAGE = 'usage: npm run bench:connect -- [--agents N] [--concurrency C] [--sims P] [--cpu-prof] [--no-record] [--verbose]\n';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: String(TARGET.agents) },
    concurrency: { type: 'string', default: '200' },
    sims: { type: 'string', default: '1' },
    'cpu-prof': { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const agents = Number(values.agents);
const concurrency = Number(values.concurrency);
const simProcesses = Number(values.sims);
if (![agents, concurrency, simProcesses].every((n) => Number.isInteger(n) && n >= 1)) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const mb = (n: number) => `${n.toFixed(1)} MB`;
const secs = (ms: number | null) => (ms === null ? 'not reached' : `${(ms / 1000).toFixed(2)} s`);
const firstAt = (samples: OnlineSample[], done: (s: OnlineSample) => boolean) => samples.find(done)?.t ?? null;

interface Measured {
  watch: OnlineSample[];
  idleRss: number;
  allRss: number;
  peakRss: number;
  connectCpuMs: number;
  /** Waits for a CPU during the connect phase: the server's and every simulator's event loop. */
  runQueueMs: { server: number; sims: number };
  idleCpu: number;
  sim: SimReport | null;
  simCodes: Array<number | null>;
  offlineMs: number | null;
  timeoutMs: number;
}

function judge(m: Measured): Verdict {
  const target = `${TARGET.agents.toLocaleString('en')} agents online in under ${TARGET.seconds} s with the server under ${TARGET.rssMb} MB RSS (peak).`;
  const why: string[] = [];
  const timeOnline = firstAt(m.watch, (s) => s.online >= agents);
  if (agents !== TARGET.agents) why.push(`ran ${agents} agents; the target is defined for ${TARGET.agents}`);
  if (timeOnline === null) why.push(`not all agents came online within ${m.timeoutMs / 1000} s`);
  else if (timeOnline >= TARGET.seconds * 1000) why.push(`all online after ${secs(timeOnline)}`);
  if (m.peakRss >= TARGET.rssMb) why.push(`server peak RSS ${mb(m.peakRss)}`);
  return { pass: why.length === 0, target, why };
}

/** Server and simulator CPU over the connect phase, as a share of every core of the machine. */
function cpuShare(m: Measured, timeOnline: number | null): string {
  if (!m.sim || timeOnline === null) return 'n/a';
  return `${Math.round(((m.connectCpuMs + m.sim.cpuMs) / (timeOnline * availableParallelism())) * 100)} % of ${availableParallelism()} cores`;
}

function latency(sim: SimReport | null): string {
  const l = sim?.connectLatencyMs;
  return l && l.p50 !== null ? `${l.p50} / ${l.p95} / ${l.max} ms` : 'n/a';
}

function rows(m: Measured): Row[] {
  const timeOnline = firstAt(m.watch, (s) => s.online >= agents);
  const failures =
    Object.entries(m.sim?.failures ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return [
    ['agents (connects in flight, simulator processes)', `${agents} (${concurrency} per process, ${simProcesses})`],
    ['time to all online (database)', secs(timeOnline)],
    ['time to all connected (gateway)', secs(firstAt(m.watch, (s) => s.connected >= agents))],
    ['average connects/s', timeOnline === null ? 'n/a' : String(Math.round((agents * 1000) / timeOnline))],
    ['peak connects/s (1 s window, database)', String(peakRate(m.watch, 'online'))],
    ['peak connects/s (1 s window, gateway)', String(peakRate(m.watch, 'connected'))],
    ['server RSS idle', mb(m.idleRss)],
    ['server RSS all connected', mb(m.allRss)],
    ['server RSS peak (VmHWM)', mb(m.peakRss)],
    ['server RSS per agent above idle', `${(((m.allRss - m.idleRss) * 1024) / agents).toFixed(1)} KB`],
    ['server CPU during connect', `${(m.connectCpuMs / 1000).toFixed(2)} s (${(m.connectCpuMs / agents).toFixed(2)} ms per agent)`],
    ['server CPU idle, all connected (5 s)', `${m.idleCpu.toFixed(1)} % of one core`],
    ['simulator: time to all connected', secs(m.sim?.timeToAllMs ?? null)],
    ['simulator: connect latency p50 / p95 / max (TCP to welcome)', latency(m.sim)],
    [
      'simulator RSS / CPU (all processes)',
      m.sim ? `${mb(m.sim.rssMb)} / ${(m.sim.cpuMs / 1000).toFixed(2)} s (${(m.sim.cpuMs / agents).toFixed(2)} ms per agent)` : 'n/a',
    ],
    ['machine CPU used by server + simulator during connect', cpuShare(m, timeOnline)],
    [
      'waited for a CPU during connect: server / simulator',
      `${(m.runQueueMs.server / 1000).toFixed(2)} s / ${(m.runQueueMs.sims / 1000).toFixed(2)} s`,
    ],
    ['simulator failed attempts', failures],
    ['simulator exit codes', m.simCodes.join(', ')],
    ['all offline after the simulator stopped', secs(m.offlineMs)],
  ];
}

async function measure(server: BenchServer, profileArgs: string[]): Promise<Measured> {
  const pid = server.pid;
  const api = server.api();
  await api.loginAsNewAdmin(server.bootstrapPassword);
  const { token } = await api.createToken({ maxUses: agents, expiresInMs: 3_600_000 });
  await sleep(1000); // let start-up work (migrations, JIT) settle before calling the server idle
  const idleRss = statusMb(pid, 'VmRSS');
  say(`server ${server.url} pid ${pid}, idle RSS ${mb(idleRss)}; starting ${agents} simulated agents in ${simProcesses} process(es)`);

  const cpuBefore = cpuMs(pid);
  const waitBefore = runQueueWaitMs(pid);
  const startedAt = performance.now();
  const simArgs = [
    '--server',
    server.url,
    '--token',
    token,
    '--ca-fingerprint',
    server.caFingerprint,
    '--concurrency',
    String(concurrency),
    '--report-interval',
    values.verbose ? '1s' : '0',
  ];
  const fleet = new SimFleet(simProcesses, agents, simArgs, { echo: values.verbose, nodeArgs: profileArgs });
  try {
    // If a simulator dies before its agents are up, stop waiting for them.
    const simDied = fleet.connected.then(() => new Promise<never>(() => undefined));
    simDied.catch(() => undefined);
    const timeoutMs = Math.max(120_000, agents * 30);
    let lastSay = 0;
    const { samples } = await Promise.race([
      watchOnline(api, (s) => s.online >= agents, {
        intervalMs: 100,
        timeoutMs,
        startedAt,
        onSample: (s) => {
          if (s.t - lastSay < 2000) return;
          lastSay = s.t;
          say(`${(s.t / 1000).toFixed(1)} s: ${s.online} online, ${s.connected} connected`);
        },
      }),
      simDied,
    ]);
    const connectCpuMs = cpuMs(pid) - cpuBefore;
    const runQueueMs = { server: runQueueWaitMs(pid) - waitBefore, sims: fleet.pids.reduce((total, p) => total + runQueueWaitMs(p), 0) };
    const sim = await Promise.race([fleet.connected, sleep(30_000).then(() => null)]);
    await sleep(2000); // presence flushed, buffers settled
    const allRss = statusMb(pid, 'VmRSS');
    const peakRss = statusMb(pid, 'VmHWM');
    say('sampling the server idle with every agent connected for 5 s');
    const idleCpu = await cpuPercentOver(pid, 5000);

    const stopAt = performance.now();
    const stopped = await fleet.stop();
    const offline = await watchOnline(api, (s) => s.online === 0, { intervalMs: 100, timeoutMs: 30_000, startedAt: stopAt });
    const offlineMs = firstAt(offline.samples, (s) => s.online === 0);
    return {
      watch: samples,
      idleRss,
      allRss,
      peakRss,
      connectCpuMs,
      runQueueMs,
      idleCpu,
      sim,
      simCodes: stopped.codes,
      offlineMs,
      timeoutMs,
    };
  } finally {
    await fleet.stop();
  }
}

async function run(): Promise<boolean> {
  const profile = values['cpu-prof'];
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const profileArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const server = new BenchServer({ nodeArgs: profileArgs });
  try {
    await server.start();
    const measured = await measure(server, profileArgs);
    const verdict = judge(measured);
    const table = rows(measured);
    process.stdout.write(
      `\nconnect benchmark: ${verdict.pass ? 'PASS' : 'FAIL'} — target: ${verdict.target}\n${textTable(table)}\n${verdict.why.length ? `missed: ${verdict.why.join('; ')}\n` : ''}\n`,
    );
    if (values['no-record']) {
      say(`not recorded (--no-record):\n${markdownTable(table)}`);
    } else {
      const notes = profile
        ? ['Run with `--cpu-prof`: the profiler slows both processes; do not compare these times with plain runs.']
        : [];
      recordResult(RESULTS, `connect, ${agents.toLocaleString('en')} agents`, machineInfo(), verdict, table, notes);
      say(`recorded in ${path.relative(process.cwd(), RESULTS)}`);
    }
    return verdict.pass;
  } finally {
    // SIGTERM lets the server stop cleanly, which is also when --cpu-prof writes its profile.
    if (server.child) await server.stop().catch(() => undefined);
    await server.dispose();
    if (profile) say(`CPU profiles of the server (pid ${server.child?.pid ?? '?'}) and the simulator(s) are in ${PROFILE_DIR}`);
  }
}

run().then(
  (pass) => process.exit(pass ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
