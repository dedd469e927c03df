import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '@pons/test-kit';
import { BenchServer } from './lib/bench-server.js';
import { mb, say, secs } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { codeVersion } from './lib/report.js';
import { MAX_PER_PROCESS } from './lib/options.js';
import { watchOnline } from './lib/online-watch.js';
import { freshDatabase } from './lib/database.js';
import { cpuMs, cpuPercentOver, openFiles, processTree, runQueueWaitMs, statusMb } from './lib/proc-stats.js';
import { markdownTable, recordResult, textTable, type Verdict } from './lib/results.js';
import { SimFleet } from './lib/sim-child.js';
import { connectRows, firstAt, type Measured } from './lib/connect-rows.js';

/** The current targets (explained in bench/RESULTS.md), by fleet size. */
const TARGET = { agents: 2000, seconds: 30, rssMb: 400 };
const LARGE = { agents: 19_000, perAgentKb: 60 };
/** Several gateway processes sharing the port (`--workers`): past what one process may hold open. */
const MACHINE = { agents: 40_000, perProcessFiles: 20_000 };
const RESULTS = path.join(ROOT, 'bench/RESULTS.md');
const PROFILE_DIR = path.join(ROOT, 'bench/out');
const USAGE =
  'usage: npm run bench:connect -- [--agents N] [--concurrency C] [--sims P] [--workers W] [--database-url postgres://...] [--cpu-prof] [--no-record] [--verbose]\n';
/** Agents per simulator process when --sims is not given (one process holds at most ~19,900 sockets). */
const PER_PROCESS = 10_000;

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: String(TARGET.agents) },
    concurrency: { type: 'string', default: '200' },
    sims: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const agents = Number(values.agents);
const concurrency = Number(values.concurrency);
const simProcesses = values.sims === undefined ? Math.ceil(agents / PER_PROCESS) : Number(values.sims);
const workers = Number(values.workers);
const databaseUrl = values['database-url'] ?? null;
if (
  ![agents, concurrency, simProcesses, workers].every((n) => Number.isInteger(n) && n >= 1) ||
  (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
) {
  process.stderr.write(USAGE);
  process.exit(2);
}
if (Math.ceil(agents / simProcesses) > MAX_PER_PROCESS) {
  process.stderr.write(
    `${Math.ceil(agents / simProcesses)} agents per simulator process is over the ${MAX_PER_PROCESS} one process can hold here (open-file limit 20,000): raise --sims\n${USAGE}`,
  );
  process.exit(2);
}

function judge(m: Measured): Verdict {
  const why: string[] = [];
  const timeOnline = firstAt(m.watch, (s) => s.online >= agents);
  if (timeOnline === null) why.push(`not all agents came online within ${m.timeoutMs / 1000} s`);
  if (workers > 1) {
    const fullest = Math.max(...m.processes.slice(1).map((p) => p.files));
    if (agents < MACHINE.agents) why.push(`ran ${agents} agents; the target is ${MACHINE.agents}`);
    if (fullest >= MACHINE.perProcessFiles) why.push(`a worker held ${fullest} open files`);
    const target = `${MACHINE.agents.toLocaleString('en')} agents online on one machine through ${workers} worker processes sharing the port, each under the ${MACHINE.perProcessFiles.toLocaleString('en')}-file limit of one process.`;
    return { pass: why.length === 0, target, why };
  }
  if (agents === LARGE.agents) {
    const perAgentKb = ((m.allRss - m.idleRss) * 1024) / agents;
    if (perAgentKb > LARGE.perAgentKb) why.push(`${perAgentKb.toFixed(1)} KB of server RSS per agent above idle`);
    const target = `${LARGE.agents.toLocaleString('en')} agents online with at most ${LARGE.perAgentKb} KB of server RSS per agent above idle.`;
    return { pass: why.length === 0, target, why };
  }
  const target = `${TARGET.agents.toLocaleString('en')} agents online in under ${TARGET.seconds} s with the server under ${TARGET.rssMb} MB RSS (peak).`;
  if (agents !== TARGET.agents) why.push(`ran ${agents} agents; targets are defined for ${TARGET.agents} and ${LARGE.agents}`);
  else if (timeOnline !== null && timeOnline >= TARGET.seconds * 1000) why.push(`all online after ${secs(timeOnline)}`);
  if (m.peakRss >= TARGET.rssMb) why.push(`server peak RSS ${mb(m.peakRss)}`);
  return { pass: why.length === 0, target, why };
}

async function measure(server: BenchServer, profileArgs: string[]): Promise<Measured> {
  const pid = server.pid;
  // With --workers the server is a primary and its workers: measure them together.
  const tree = processTree(pid);
  const rss = (field: 'VmRSS' | 'VmHWM') => tree.reduce((t, p) => t + statusMb(p, field), 0);
  const cpu = () => tree.reduce((t, p) => t + cpuMs(p), 0);
  const runQueue = () => tree.reduce((t, p) => t + runQueueWaitMs(p), 0);
  const api = server.api();
  await api.loginAsNewAdmin(server.bootstrapPassword);
  const { token } = await api.createToken({ maxUses: agents, expiresInMs: 3_600_000 });
  await sleep(1000); // let start-up work (migrations, JIT) settle before calling the server idle
  const idleRss = rss('VmRSS');
  say(
    `server ${server.url} pid ${tree.join(', ')}, idle RSS ${mb(idleRss)}; starting ${agents} simulated agents in ${simProcesses} process(es)`,
  );

  const cpuBefore = cpu();
  const waitBefore = runQueue();
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
    const connectCpuMs = cpu() - cpuBefore;
    const runQueueMs = { server: runQueue() - waitBefore, sims: fleet.pids.reduce((total, p) => total + runQueueWaitMs(p), 0) };
    const sim = await Promise.race([fleet.connected, sleep(30_000).then(() => null)]);
    await sleep(2000); // presence flushed, buffers settled
    const allRss = rss('VmRSS');
    const peakRss = rss('VmHWM');
    const processes = tree.map((p) => ({ pid: p, rssMb: statusMb(p, 'VmRSS'), files: openFiles(p) }));
    say('sampling the server idle with every agent connected for 5 s');
    const idleCpu = (await Promise.all(tree.map((p) => cpuPercentOver(p, 5000)))).reduce((t, c) => t + c, 0);

    const stopAt = performance.now();
    const stopped = await fleet.stop();
    const offline = await watchOnline(api, (s) => s.online === 0, { intervalMs: 100, timeoutMs: 30_000, startedAt: stopAt });
    const offlineMs = firstAt(offline.samples, (s) => s.online === 0);
    return {
      watch: samples,
      idleRss,
      allRss,
      peakRss,
      processes,
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
  const machine = machineInfo(); // the load average when the run started
  const profile = values['cpu-prof'];
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const profileArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const database = databaseUrl ? await freshDatabase(databaseUrl) : null;
  const env: Record<string, string> = {
    ...(database ? { PONS_DATABASE_URL: database.url } : {}),
    ...(workers > 1 ? { PONS_WORKERS: String(workers) } : {}),
  };
  const server = new BenchServer({ nodeArgs: profileArgs, env });
  try {
    await server.start();
    const measured = await measure(server, profileArgs);
    const verdict = judge(measured);
    const table = connectRows(measured, { agents, concurrency, sims: simProcesses, workers, backend: database ? 'PostgreSQL' : 'SQLite' });
    process.stdout.write(
      `\nconnect benchmark: ${verdict.pass ? 'PASS' : 'FAIL'} — target: ${verdict.target}\n${textTable(table)}\n${verdict.why.length ? `missed: ${verdict.why.join('; ')}\n` : ''}\n`,
    );
    if (values['no-record']) {
      say(`not recorded (--no-record):\n${markdownTable(table)}`);
    } else {
      const notes = [
        codeVersion(),
        ...(profile ? ['Run with `--cpu-prof`: the profiler slows both processes; do not compare these times with plain runs.'] : []),
      ];
      const title = `connect, ${agents.toLocaleString('en')} agents${workers > 1 ? `, ${workers} worker processes` : ''}${database ? ', PostgreSQL' : ''}`;
      recordResult(RESULTS, title, machine, verdict, table, notes);
      say(`recorded in ${path.relative(process.cwd(), RESULTS)}`);
    }
    return verdict.pass;
  } finally {
    // SIGTERM lets the server stop cleanly, which is also when --cpu-prof writes its profile.
    if (server.child) await server.stop().catch(() => undefined);
    await server.dispose();
    await database?.drop().catch((error: unknown) => say(`could not drop ${database.name}: ${String(error)}`));
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
