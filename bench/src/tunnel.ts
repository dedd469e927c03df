import { cpus, loadavg } from 'node:os';
import type { AuditLogPage } from '@pons/protocol';
import { AgentProcess, connectTunnel, waitFor } from '@pons/test-kit';
import { cpuWindowText, mb, msText, say } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { cpuMs, CpuWindow, statusMb } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row } from './lib/results.js';
import { closeTunnel, expectedHash, openTcpTunnel, quantile, rssPeak, startEchoChild, transfer, type Transfer } from './lib/tunnel-kit.js';

/** Targets: sessions open well within Medulla's 30 s reverse SSH tunnel wait; a port forward carries at least 25 MB/s each way. */
const TARGET = { openP95Ms: 1000, mbPerSecond: 25 };
const SESSIONS = 100;
const SINGLE_MB = 256;
const PARALLEL = { tunnels: 20, megabytes: 32 };
const MB = 1024 * 1024;
const ALL_SESSIONS = SESSIONS + 1 + PARALLEL.tunnels;
const o = parseBenchOptions('npm run bench:tunnel -- [--database-url postgres://…] [--cpu-prof] [--no-record] [--verbose]', { agents: 1 });

main(async () => {
  const machine = machineInfo();
  const started = performance.now();
  const run = await PonsRun.start(o);
  const agent = new AgentProcess({
    server: run.server.url,
    token: run.token,
    caFingerprint: run.server.caFingerprint,
    hostname: 'bench-tunnel-01',
    args: ['--vnc', 'off'],
  }).start();
  const echo = await startEchoChild();
  try {
    await waitFor('the agent online', async () => (await run.api.machines('?status=online')).total === 1 || undefined, 60_000);
    const machineId = (await run.api.machines()).items[0]!.id;
    const { url, caPem } = run.server;
    say(`agent pid ${agent.child.pid} online as ${machineId}; echo server pid ${echo.child.pid} on 127.0.0.1:${echo.port}`);
    const session = async () => {
      const opened = await openTcpTunnel(run.api, machineId, echo.port);
      return { opened: opened.openedInMs, ws: await connectTunnel(url, caPem, opened.socketPath) };
    };
    let intact = true;
    const check = (t: Transfer, seed: number, bytes: number) => {
      if (t.received !== bytes || t.sent !== bytes || t.sha256 !== expectedHash(seed, bytes)) intact = false;
    };

    say(`1. ${SESSIONS} sessions one after the other: POST → WebSocket open → 16-byte echo`);
    const totals: number[] = [];
    const openedIn: number[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const t0 = performance.now();
      const { opened, ws } = await session();
      const t = await transfer(ws, i, 16, 10_000);
      totals.push(performance.now() - t0);
      openedIn.push(opened);
      check(t, i, 16);
      await closeTunnel(ws);
    }
    const open = { p50: quantile(totals, 0.5), p95: quantile(totals, 0.95), max: Math.max(...totals), server: quantile(openedIn, 0.5) };
    say(`open: p50 ${msText(open.p50)}, p95 ${msText(open.p95)}, max ${msText(open.max)}; server openedInMs p50 ${open.server}`);

    say(`2. ${SINGLE_MB} MB through one tunnel and back`);
    const pids = { server: run.server.pid, agent: agent.child.pid!, echo: echo.child.pid!, bench: process.pid };
    const cpuOf = () => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)])) as Record<keyof typeof pids, number>;
    const single = await session();
    const window1 = new CpuWindow(Object.values(pids));
    const cpu0 = cpuOf();
    const one = await transfer(single.ws, 1000, SINGLE_MB * MB);
    const cpu1 = cpuOf();
    const machine1 = window1.end();
    await closeTunnel(single.ws);
    check(one, 1000, SINGLE_MB * MB);
    const oneRate = SINGLE_MB / (one.ms / 1000);
    const perMb = (k: keyof typeof pids) => (cpu1[k] - cpu0[k]) / SINGLE_MB;
    say(`one tunnel: ${oneRate.toFixed(1)} MB/s each way; server ${perMb('server').toFixed(2)} ms CPU per MB`);

    say(`3. ${PARALLEL.tunnels} tunnels at once, ${PARALLEL.megabytes} MB each`);
    const rssBefore = statusMb(pids.server, 'VmRSS');
    const many = await Promise.all(Array.from({ length: PARALLEL.tunnels }, () => session()));
    const peak = rssPeak(() => statusMb(pids.server, 'VmRSS'));
    const window2 = new CpuWindow(Object.values(pids));
    const cpu2 = cpuOf();
    const t2 = performance.now();
    const all = await Promise.all(many.map((s, i) => transfer(s.ws, 2000 + i, PARALLEL.megabytes * MB)));
    const allMs = performance.now() - t2;
    const cpu3 = cpuOf();
    const machine2 = window2.end();
    const rssPeakMb = peak.stop();
    const hwm = statusMb(pids.server, 'VmHWM');
    await Promise.all(many.map((s) => closeTunnel(s.ws)));
    all.forEach((t, i) => check(t, 2000 + i, PARALLEL.megabytes * MB));
    const allMb = PARALLEL.tunnels * PARALLEL.megabytes;
    const allRate = allMb / (allMs / 1000);
    say(`${PARALLEL.tunnels} tunnels: ${allRate.toFixed(1)} MB/s aggregate each way; server RSS ${mb(rssBefore)} → peak ${mb(rssPeakMb)}`);

    say('4. audit: one remote.tcp.end line per session closed');
    const ends = async () =>
      (await run.api.call<AuditLogPage>('GET', '/api/v1/audit?action=remote.tcp.end&limit=500')).items.map(
        (e) => e.details as { bytesToMachine: number; bytesFromMachine: number },
      );
    const opens = (await run.api.call<AuditLogPage>('GET', '/api/v1/audit?action=remote.session.open&limit=500')).items.length;
    await waitFor('every session ended', async () => (await ends()).length >= ALL_SESSIONS || undefined, 15_000).catch(() => undefined);
    const ended = await ends();
    const sum = (k: 'bytesToMachine' | 'bytesFromMachine') => ended.reduce((t, d) => t + d[k], 0);
    const expected = SESSIONS * 16 + (SINGLE_MB + allMb) * MB;
    const bytesOk = sum('bytesToMachine') === expected && sum('bytesFromMachine') === expected;
    const wallMs = performance.now() - started;

    const rows: Row[] = [
      ['server, database, agent', `one node, ${run.backend}, one real agent (--vnc off); TCP echo in a child process`],
      [
        `${SESSIONS} sessions one after the other (POST → WebSocket open → 16-byte echo): p50 / p95 / max`,
        `${msText(open.p50)} / ${msText(open.p95)} / ${msText(open.max)}`,
      ],
      ['server openedInMs (request → agent tunnel ready), p50', msText(open.server)],
      [
        `one tunnel: ${SINGLE_MB} MB through the echo and back`,
        `${(one.ms / 1000).toFixed(2)} s, ${oneRate.toFixed(1)} MB/s of payload each way`,
      ],
      [
        'one tunnel: CPU ms per MB of payload (there and back): server / agent / echo / bench client',
        (['server', 'agent', 'echo', 'bench'] as const).map((k) => perMb(k).toFixed(2)).join(' / '),
      ],
      [
        `${PARALLEL.tunnels} tunnels at once, ${PARALLEL.megabytes} MB each: aggregate`,
        `${(allMs / 1000).toFixed(2)} s, ${allRate.toFixed(1)} MB/s of payload each way; slowest ${msText(Math.max(...all.map((t) => t.ms)))}`,
      ],
      [
        `${PARALLEL.tunnels} tunnels: CPU ms per MB: server / agent`,
        `${((cpu3.server - cpu2.server) / allMb).toFixed(2)} / ${((cpu3.agent - cpu2.agent) / allMb).toFixed(2)}`,
      ],
      ['server RSS before / peak during (sampled VmRSS) / VmHWM', `${mb(rssBefore)} / ${mb(rssPeakMb)} / ${mb(hwm)}`],
      [`every byte back intact (counts + SHA-256 of all ${ALL_SESSIONS} streams)`, intact ? 'yes' : 'NO'],
      [
        'audit: remote.session.open / remote.tcp.end lines (sessions still open)',
        `${opens} / ${ended.length} of ${ALL_SESSIONS} (${opens - ended.length})`,
      ],
      [
        'audit: bytes to / from the machine, summed, against what was sent',
        `${sum('bytesToMachine')} / ${sum('bytesFromMachine')} of ${expected}: ${bytesOk ? 'equal' : 'DIFFERENT'}`,
      ],
      ['machine CPU, one tunnel', cpuWindowText(machine1, cpus().length)],
      [`machine CPU, ${PARALLEL.tunnels} tunnels`, cpuWindowText(machine2, cpus().length)],
      [
        'run time; load average (1 min) at the start / end',
        `${(wallMs / 1000).toFixed(1)} s; ${machine.load} / ${loadavg()[0]!.toFixed(2)}`,
      ],
    ];
    const why: string[] = [];
    if (open.p95 >= TARGET.openP95Ms) why.push(`session opening p95 ${msText(open.p95)} ≥ ${TARGET.openP95Ms} ms`);
    if (oneRate < TARGET.mbPerSecond) why.push(`one tunnel ${oneRate.toFixed(1)} MB/s < ${TARGET.mbPerSecond} MB/s each way`);
    if (!intact) why.push('bytes did not all come back intact');
    report(
      'tunnel',
      `tunnel: ${SESSIONS} sessions, ${SINGLE_MB} MB through one, ${PARALLEL.tunnels} × ${PARALLEL.megabytes} MB at once`,
      o,
      {
        pass: why.length === 0,
        target: `TCP tunnel through one real agent: session opening p95 < ${TARGET.openP95Ms} ms, ≥ ${TARGET.mbPerSecond} MB/s of payload each way through one tunnel, every byte back intact`,
        why,
      },
      rows,
      [
        'Everything runs on this machine: the bench client (TLS WebSocket, SHA-256 of what comes back), the server, the agent (its own TLS WebSocket to the server) and the echo share its cores. Payload rates count each byte once per direction: the same bytes cross the server twice.',
      ],
      machine,
    );
    return why.length === 0;
  } finally {
    echo.child.kill('SIGTERM');
    await agent.dispose().catch(() => undefined);
    await run.dispose();
  }
});
