import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandSummary } from '@pons/protocol';
import { TcpRelay } from '@pons/test-kit';
import { settledCount, summary } from './lib/commands-api.js';
import { cpuWindowText, mb, say } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { COMMON_USAGE, MAX_PER_PROCESS, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { countInGroup, PresenceWatch, reasonsInGroup, type AgentGroup } from './lib/presence-watch.js';
import { CpuWindow, statusMb } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row, Verdict } from './lib/results.js';
import { SimChild } from './lib/sim-child.js';

/**
 * Presence under load: N agents connected for --seconds (600) with an echo to all every 30 s.
 * Most of them stay up the whole time and must never be shown offline; three groups are taken
 * down during the run, each its own way, and every one of their machines must be shown offline
 * with the reason that matches: a simulator killed with SIGKILL ("connection lost": the kernel
 * closes its sockets), one killed behind a link that has gone silent first ("network timeout":
 * nothing closes, the server only sees pongs missing), one stopped with SIGTERM ("agent stopped":
 * each agent says goodbye). The live event stream (what the console shows) and the database are
 * both watched.
 */
const TARGET = { agents: 10_000, seconds: 600 };
const o = parseBenchOptions(`npm run bench:presence -- ${COMMON_USAGE} [--seconds S]`, { agents: TARGET.agents, seconds: TARGET.seconds });
const FANOUT_EVERY_MS = 30_000;
const POLL_EVERY_MS = 10_000;

const group = (name: string, agents: number, expected: AgentGroup['expected']): AgentGroup => ({
  name,
  runId: randomBytes(4).toString('hex'),
  agents,
  expected,
  actedAt: null,
});

interface Checks {
  polls: number;
  /** Polls where the database showed a machine of the steady group offline. */
  steadyOfflinePolls: number;
  fanouts: Array<{ total: number; succeeded: number }>;
}

main(async () => {
  const machine = machineInfo();
  const size = Math.max(50, Math.round(o.agents * 0.05));
  const steady = group('steady', o.agents - 3 * size, null);
  const killed = group('killed (SIGKILL)', size, 'connection-lost');
  const silent = group('silent link, then SIGKILL', size, 'network-timeout');
  const stopped = group('stopped (SIGTERM)', size, 'agent-stopped');
  const groups = [steady, killed, silent, stopped];
  if (steady.agents > MAX_PER_PROCESS * 3) throw new Error('too many agents for this benchmark (at most ~58,000)');

  const run = await PonsRun.start(o);
  const relay = await new TcpRelay({ host: '127.0.0.1', port: run.server.port }).start();
  const watch = new PresenceWatch(groups);
  const sims = new Map<AgentGroup, SimChild[]>();
  try {
    await watch.start(run.api);
    const common = ['--ca-fingerprint', run.server.caFingerprint, '--token', run.token, '--concurrency', String(o.concurrency)];
    common.push('--report-interval', o.verbose ? '5s' : '0');
    const start = (g: AgentGroup, url: string, extra: string[] = []) => {
      const processes = Math.ceil(g.agents / MAX_PER_PROCESS);
      const share = Math.ceil(g.agents / processes);
      const children: SimChild[] = [];
      for (let first = 0; first < g.agents; first += share) {
        const count = Math.min(share, g.agents - first);
        const args = ['--server', url, ...common, '--agents', String(count), '--first-index', String(first), '--run-id', g.runId];
        children.push(new SimChild([...args, ...extra], { echo: o.verbose }));
      }
      sims.set(g, children);
      return children;
    };
    say(`${o.agents} agents: ${steady.agents} steady, three groups of ${size} taken down during the run`);
    const all = [
      ...start(steady, run.server.url, ['--reconnect']),
      ...start(killed, run.server.url),
      ...start(silent, `https://127.0.0.1:${relay.port}`),
      ...start(stopped, run.server.url),
    ];
    await Promise.all(all.map((s) => s.connected));
    for (;;) {
      const online = (await run.api.machines('?status=online&limit=1')).counts.online;
      if (online >= o.agents) break;
      await sleep(500);
    }
    say(`all ${o.agents} online; watching for ${o.seconds} s`);

    const started = performance.now();
    const window = new CpuWindow([run.server.pid, ...all.map((s) => s.pid)]);
    const rssStart = statusMb(run.server.pid, 'VmRSS');
    const checks: Checks = { polls: 0, steadyOfflinePolls: 0, fanouts: [] };
    const plan: Array<{ at: number; act: () => Promise<void> }> = [
      { at: 0.2, act: async () => void (await Promise.all(sims.get(killed)!.map((s) => s.kill()))) },
      {
        at: 0.35,
        act: async () => {
          relay.silence();
          await Promise.all(sims.get(silent)!.map((s) => s.kill()));
        },
      },
      { at: 0.5, act: async () => void (await Promise.all(sims.get(stopped)!.map((s) => s.stop()))) },
    ];
    const acted = [killed, silent, stopped];
    let nextFanout = started + 5000;
    let nextPoll = started;
    const fanouts: Array<Promise<void>> = [];
    while (performance.now() - started < o.seconds * 1000) {
      const elapsed = (performance.now() - started) / (o.seconds * 1000);
      while (plan.length > 0 && elapsed >= plan[0]!.at) {
        const step = plan.shift()!;
        const g = acted.shift()!;
        g.actedAt = performance.now();
        say(`${((g.actedAt - started) / 1000).toFixed(0)} s: ${g.name}`);
        await step.act();
      }
      if (performance.now() >= nextFanout) {
        nextFanout += FANOUT_EVERY_MS;
        fanouts.push(fanout(run, checks));
      }
      if (performance.now() >= nextPoll) {
        nextPoll += POLL_EVERY_MS;
        checks.polls++;
        if ((await countInGroup(run.api, steady, 'offline')) > 0) checks.steadyOfflinePolls++;
      }
      await sleep(250);
    }
    await Promise.all(fanouts);
    const cpu = window.end();
    const rssEnd = statusMb(run.server.pid, 'VmRSS');
    // The silent group is judged by missed pongs: give the last of them two ping intervals.
    await waitForGroups(run, [killed, silent, stopped], 120_000);
    // The watch ends before the steady agents are stopped on purpose: their goodbyes are no false offline.
    watch.stop();
    const steadyReport = await Promise.all(sims.get(steady)!.map((s) => s.stop()));
    const reasons = new Map<AgentGroup, Record<string, number>>();
    for (const g of groups) reasons.set(g, await reasonsInGroup(run.api, g));
    const disconnects = steadyReport.reduce((t, r) => t + (r.final?.dropped ?? Number.NaN), 0);

    const why: string[] = [];
    const falseOffline = watch.offline.get(steady.name)!;
    if (falseOffline.length > 0) why.push(`${falseOffline.length} offline events for steady agents`);
    if (checks.steadyOfflinePolls > 0) why.push(`the database showed steady agents offline in ${checks.steadyOfflinePolls} polls`);
    if (!(disconnects === 0)) why.push(`steady agents saw ${disconnects} connections dropped`);
    for (const g of [killed, silent, stopped]) {
      const right = reasons.get(g)![g.expected!] ?? 0;
      if (right !== g.agents) why.push(`${g.name}: ${right} of ${g.agents} offline as "${g.expected}"`);
    }
    if (o.agents !== TARGET.agents || o.seconds < TARGET.seconds)
      why.push(`ran ${o.agents} agents for ${o.seconds} s; the target is ${TARGET.agents} for ${TARGET.seconds} s`);
    const verdict: Verdict = {
      pass: why.length === 0,
      target: `${TARGET.agents.toLocaleString('en')} agents for ${TARGET.seconds / 60} minutes: no agent shown offline while its socket is up, and every agent taken down shown offline with the right reason.`,
      why,
    };
    const rows: Row[] = [
      ['agents, database', `${o.agents} (${steady.agents} steady + 3 × ${size}), ${run.backend}`],
      ['duration watched', `${o.seconds} s, an echo to all every ${FANOUT_EVERY_MS / 1000} s`],
      ['live events received (machine changes)', String(watch.events)],
      [
        'steady agents: offline events / database polls showing one offline',
        `${falseOffline.length} / ${checks.steadyOfflinePolls} of ${checks.polls}`,
      ],
      ['steady agents: connections dropped, as the simulator saw them', String(disconnects)],
      ...[killed, silent, stopped].map((g): Row => groupRow(g, watch.offline.get(g.name)!, reasons.get(g)!)),
      ['echo to all every 30 s: targets succeeded / total', checks.fanouts.map((f) => `${f.succeeded}/${f.total}`).join(', ') || 'none'],
      ['server RSS at the start / end of the watch', `${mb(rssStart)} / ${mb(rssEnd)}`],
      ['machine CPU over the watch', cpuWindowText(cpu, availableParallelism())],
    ];
    const notes = falseOffline
      .slice(0, 10)
      .map((f) => `False offline: ${f.hostname} "${f.reason}" at ${((f.at - started) / 1000).toFixed(1)} s.`);
    report(
      'presence',
      `presence, ${o.agents.toLocaleString('en')} agents for ${Math.round(o.seconds / 60)} min, ${run.backend}`,
      o,
      verdict,
      rows,
      notes,
      machine,
    );
    return verdict.pass;
  } finally {
    watch.stop();
    for (const children of sims.values()) for (const s of children) await s.stop(5000).catch(() => undefined);
    await relay.stop();
    await run.dispose();
  }
});

function groupRow(g: AgentGroup, seen: Array<{ at: number; reason: unknown }>, reasons: Record<string, number>): Row {
  const last = seen.length > 0 && g.actedAt !== null ? Math.max(...seen.map((s) => s.at)) - g.actedAt : null;
  const reasonText = Object.entries(reasons)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  return [
    `${g.name}: shown offline (as "${g.expected}") / last shown after`,
    `${reasons[g.expected!] ?? 0} of ${g.agents} (${reasonText || 'none offline'}) / ${last === null ? 'n/a' : `${(last / 1000).toFixed(1)} s`}`,
  ];
}

async function fanout(run: PonsRun, checks: Checks): Promise<void> {
  const created = await run.api.call<CommandSummary>('POST', '/api/v1/commands', {
    name: 'echo',
    args: { payload: 'presence' },
    targets: { all: true },
    ttlMs: 25_000,
  });
  for (;;) {
    await sleep(1000);
    const s = await summary(run.api, created.id);
    if (settledCount(s) === s.total) {
      checks.fanouts.push({ total: s.total, succeeded: s.counts.succeeded });
      return;
    }
  }
}

async function waitForGroups(run: PonsRun, groups: AgentGroup[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (const g of groups) {
    while ((await countInGroup(run.api, g, 'online')) > 0 && performance.now() < deadline) await sleep(1000);
  }
}
