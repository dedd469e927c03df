import { measureCeiling } from './lib/ceiling-measure.js';
import { ceilingRows } from './lib/ceiling-rows.js';
import { say } from './lib/format.js';
import { machineInfo } from './lib/machine-info.js';
import { COMMON_USAGE, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { main, report } from './lib/report.js';
import type { Verdict } from './lib/results.js';

/**
 * The ceiling on its own: what a bare `ws` server over TLS (the Pons certificate) does on this
 * machine with the same number of connections. Phase 1: N connections, RSS, fan-outs, a restart
 * storm; phase 2: 5,000 connections, one message a second to each (a slice every --tick-ms) for
 * --seconds, round trips.
 * The other benchmarks run the parts they compare with in their own run.
 */
const RTT_AGENTS = 5000;
const o = parseBenchOptions(`npm run bench:ceiling -- ${COMMON_USAGE} [--rounds R] [--seconds S] [--tick-ms T] [--warmup W]`, {
  agents: 19_000,
  rounds: 3,
});

main(async () => {
  const machine = machineInfo();
  // A Pons server only to have its certificate chain (ECDSA P-256, CA-issued) in a data dir.
  const pons = await PonsRun.start({ ...o, databaseUrl: null, cpuProf: false });
  try {
    const big = await measureCeiling(pons.pkiDir, {
      agents: o.agents,
      processes: o.sims,
      concurrency: o.concurrency,
      fanouts: o.rounds,
      storm: true,
    });
    say(`ceiling: round trips at ${RTT_AGENTS} × 1 message/s for ${o.seconds} s`);
    const rttProcesses = Math.ceil(RTT_AGENTS / 10_000);
    const small = await measureCeiling(pons.pkiDir, {
      agents: RTT_AGENTS,
      processes: rttProcesses,
      concurrency: o.concurrency,
      fanouts: 0,
      rtt: { seconds: o.seconds, tickMs: o.tickMs, warmup: o.warmup },
    });
    const why: string[] = [];
    if (big.fanouts.some((f) => f.received < f.expected)) why.push('a fan-out lost replies');
    if (big.storm?.timeToAllMs === null) why.push('not every client came back after the restart');
    const verdict: Verdict = {
      pass: why.length === 0,
      target: 'every connection up and every message answered (a reference for storm, fan-out and rtt; no performance target).',
      why,
    };
    const rows = [
      ...ceilingRows(big, o.sims),
      ...ceilingRows(small, rttProcesses).filter(([m]) => /round trip|replies|tick|connections|RSS per/.test(m)),
    ];
    report(
      'ceiling',
      `ceiling (bare ws over TLS), ${o.agents.toLocaleString('en')} connections; rtt at ${RTT_AGENTS.toLocaleString('en')} × 1/s`,
      o,
      verdict,
      rows,
      [],
      machine,
    );
    return verdict.pass;
  } finally {
    await pons.dispose();
  }
});
