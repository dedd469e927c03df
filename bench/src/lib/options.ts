import { parseArgs } from 'node:util';

/** One simulator or ceiling client process holds at most ~19,900 sockets here (open-file limit 20,000). */
export const MAX_PER_PROCESS = 19_500;
/** Agents per simulator process when --sims is not given. */
const DEFAULT_PER_PROCESS = 10_000;

export interface BenchOptions {
  agents: number;
  /** Simulator processes (and ceiling client processes). */
  sims: number;
  /** Connects in flight per simulator process. */
  concurrency: number;
  /** PostgreSQL server to create a fresh database on; null for SQLite. */
  databaseUrl: string | null;
  ceiling: boolean;
  cpuProf: boolean;
  /** Agents resume their TLS sessions when they reconnect, as the agent does (--no-tls-resume: never). */
  tlsResume: boolean;
  record: boolean;
  verbose: boolean;
  seconds: number;
  rounds: number;
  /** Staggered load: one slice of the agents every tickMs. */
  tickMs: number;
  /** Seconds of load run first and not counted (JIT, first allocations), for the steady-state benchmarks. */
  warmup: number;
}

export const COMMON_USAGE =
  '[--agents N] [--sims P] [--concurrency C] [--database-url postgres://user@host:5432/db] [--no-ceiling] [--cpu-prof] [--no-record] [--verbose]';

/** The options every benchmark with a fleet shares; exits with the usage on bad input. */
export function parseBenchOptions(
  usage: string,
  defaults: { agents: number; seconds?: number; rounds?: number; perProcess?: number },
): BenchOptions {
  const fail = (why: string): never => {
    process.stderr.write(`${why}\nusage: ${usage}\n`);
    process.exit(2);
  };
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        agents: { type: 'string', default: String(defaults.agents) },
        sims: { type: 'string' },
        concurrency: { type: 'string', default: '200' },
        'database-url': { type: 'string' },
        'no-ceiling': { type: 'boolean', default: false },
        'cpu-prof': { type: 'boolean', default: false },
        'no-tls-resume': { type: 'boolean', default: false },
        'no-record': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        seconds: { type: 'string', default: String(defaults.seconds ?? 30) },
        rounds: { type: 'string', default: String(defaults.rounds ?? 1) },
        'tick-ms': { type: 'string', default: '20' },
        warmup: { type: 'string', default: '5' },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  const whole = (flag: string, raw: string): number => {
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 ? n : fail(`--${flag} must be a whole number of at least 1, got "${raw}"`);
  };
  const agents = whole('agents', values.agents);
  const sims = values.sims === undefined ? Math.ceil(agents / (defaults.perProcess ?? DEFAULT_PER_PROCESS)) : whole('sims', values.sims);
  if (Math.ceil(agents / sims) > MAX_PER_PROCESS)
    fail(`${Math.ceil(agents / sims)} agents per simulator process is over the ${MAX_PER_PROCESS} one process can hold here: raise --sims`);
  const databaseUrl = values['database-url'] ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail('--database-url must be a postgres:// URL');
  return {
    agents,
    sims,
    concurrency: whole('concurrency', values.concurrency),
    databaseUrl,
    ceiling: !values['no-ceiling'],
    cpuProf: values['cpu-prof'],
    tlsResume: !values['no-tls-resume'],
    record: !values['no-record'],
    verbose: values.verbose,
    seconds: whole('seconds', values.seconds),
    rounds: whole('rounds', values.rounds),
    tickMs: whole('tick-ms', values['tick-ms']),
    warmup: /^\d+$/.test(values.warmup)
      ? Number(values.warmup)
      : fail(`--warmup must be a whole number of seconds, got "${values.warmup}"`),
  };
}

/**
 * Extra Node flags for the server and simulator processes, from PONS_BENCH_NODE_FLAGS (say
 * `--trace-gc`, which NODE_OPTIONS does not allow), to look into a run without changing it.
 */
export function benchNodeFlags(): string[] {
  return (process.env.PONS_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}
