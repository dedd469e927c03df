import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandSummary } from '@pons/protocol';
import { measureCeiling, type CeilingFigures } from './lib/ceiling-measure.js';
import { ceilingRows } from './lib/ceiling-rows.js';
import { echoToAll, waitSettled } from './lib/commands-api.js';
import { cpuWindowText, median, msText, ratio, say } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { COMMON_USAGE, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { cpuMs, CpuWindow } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row, Verdict } from './lib/results.js';

/** Target: one `echo` to all answered within 2× the bare-`ws` fan-out measured in the same run. */
const TARGET = { agents: 19_000, factor: 2 };
const POLL_MS = 250;
const o = parseBenchOptions(`npm run bench:fanout -- ${COMMON_USAGE} [--rounds R]`, { agents: TARGET.agents, rounds: 3 });

interface Round {
  summary: CommandSummary;
  /** POST /commands until its answer: insert, claim, sign and the whole send loop. */
  postMs: number;
  /** createdAt to lastReplyAt, server clock. */
  serverMs: number | null;
  /** From sending the POST until the summary showed every target succeeded. */
  clientMs: number | null;
  cpuMs: number;
  machine: ReturnType<CpuWindow['end']>;
}

async function round(run: PonsRun, n: number): Promise<Round> {
  const pid = run.server.pid;
  const cpuBefore = cpuMs(pid);
  const window = new CpuWindow([pid, ...run.fleet!.pids]);
  const started = performance.now();
  const created = await echoToAll(run.api, `fan-out ${n}`);
  const postMs = performance.now() - started;
  const { summary, allSucceededAt } = await waitSettled(run.api, created.id, { intervalMs: POLL_MS, timeoutMs: 120_000 });
  const serverMs =
    summary.lastReplyAt === null || summary.counts.succeeded < summary.total ? null : summary.lastReplyAt - summary.createdAt;
  const clientMs = allSucceededAt === null ? null : allSucceededAt - started;
  const r = { summary, postMs, serverMs, clientMs, cpuMs: cpuMs(pid) - cpuBefore, machine: window.end() };
  say(`fan-out ${n}: POST ${msText(postMs)}, createdAt→lastReplyAt ${msText(serverMs)}, all succeeded seen after ${msText(clientMs)}`);
  return r;
}

function rows(rounds: Round[], c: CeilingFigures | null, backend: string): Row[] {
  const list = (pick: (r: Round) => number | null) => rounds.map((r) => msText(pick(r))).join(', ');
  const med = (pick: (r: Round) => number | null) => (rounds.some((r) => pick(r) === null) ? null : median(rounds.map((r) => pick(r)!)));
  const last = rounds.at(-1)!.summary;
  const bad = rounds.reduce((t, r) => t + r.summary.counts.failed + r.summary.counts.rejected + r.summary.counts.expired, 0);
  const rt = last.roundTripMs;
  return [
    ['agents (simulator processes), database', `${o.agents} (${o.sims}), ${backend}`],
    [
      `echo to all, createdAt → lastReplyAt, server (median; ${list((r) => r.serverMs)})`,
      msText(med((r) => r.serverMs)) +
        ratio(
          med((r) => r.serverMs),
          c?.fanoutMs,
        ),
    ],
    [
      `echo to all, POST → summary shows all succeeded, client (median; ${list((r) => r.clientMs)})`,
      msText(med((r) => r.clientMs)) +
        ratio(
          med((r) => r.clientMs),
          c?.fanoutMs,
        ),
    ],
    [
      `POST /commands answered, i.e. insert + claim + send loop (median; ${list((r) => r.postMs)})`,
      msText(med((r) => r.postMs)) +
        ratio(
          med((r) => r.postMs),
          c?.fanoutLoopMs,
        ),
    ],
    ['first reply after createdAt (last round)', msText(last.firstReplyAt === null ? null : last.firstReplyAt - last.createdAt)],
    ['round trip sentAt → completedAt p50 / p99 / max (last round)', rt ? `${rt.p50} / ${rt.p99} / ${rt.max} ms` : 'n/a'],
    ['server CPU per fan-out (median)', msText(median(rounds.map((r) => r.cpuMs)))],
    ['targets failed, rejected or expired (all rounds)', String(bad)],
    ...rounds.map((r, i): Row => [`machine CPU during round ${i + 1}`, cpuWindowText(r.machine, availableParallelism())]),
    ...(c ? ceilingRows(c, o.sims) : []),
  ];
}

main(async () => {
  const machine = machineInfo();
  const run = await PonsRun.start(o);
  try {
    const ceiling = o.ceiling
      ? await measureCeiling(run.pkiDir, { agents: o.agents, processes: o.sims, concurrency: o.concurrency, fanouts: o.rounds })
      : null;
    await run.connectFleet(false);
    const rounds: Round[] = [];
    for (let n = 1; n <= o.rounds; n++) {
      rounds.push(await round(run, n));
      await sleep(3000);
    }
    const serverMs = rounds.some((r) => r.serverMs === null) ? null : median(rounds.map((r) => r.serverMs!));
    const base = ceiling?.fanoutMs ?? null;
    const limit = base === null ? null : TARGET.factor * base;
    const why: string[] = [];
    if (o.agents !== TARGET.agents) why.push(`ran ${o.agents} agents; the target is defined for ${TARGET.agents}`);
    if (serverMs === null) why.push('not every target succeeded');
    if (limit === null) why.push('no ceiling measured in this run (--no-ceiling)');
    else if (serverMs !== null && serverMs > limit) why.push(`${msText(serverMs)} is over ${TARGET.factor}× the ceiling's ${msText(base)}`);
    const verdict: Verdict = {
      pass: why.length === 0,
      target: `one echo to all ${TARGET.agents.toLocaleString('en')} agents answered (createdAt → lastReplyAt, median of the rounds) within ${TARGET.factor}× the bare-ws fan-out of the same run.`,
      why,
    };
    const notes = [
      `Each round is one \`echo\` to \`all\` (signed once, the same bytes to every agent), ${o.rounds} rounds 3 s apart; the client polls the summary every ${POLL_MS} ms. The ceiling's figure is the bare ws server's median from the start of its send loop to the last reply.`,
    ];
    report(
      'fan-out',
      `fan-out, ${o.agents.toLocaleString('en')} agents, ${run.backend}`,
      o,
      verdict,
      rows(rounds, ceiling, run.backend),
      notes,
      machine,
    );
    return verdict.pass;
  } finally {
    await run.dispose();
  }
});
