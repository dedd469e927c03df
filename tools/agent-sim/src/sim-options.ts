import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseDuration } from '@pons/protocol';

export const USAGE = `Usage: node tools/agent-sim/dist/main.js --server URL --ca-fingerprint sha256:... --token TOKEN [options]

Runs N simulated agents in this process, each with its own key and identity, over the real
protocol (TLS pinned to the server's CA, enroll or hello, signed commands).

  --server <url>            server URL (https://host:port)
  --ca-fingerprint <fp>     pinned CA fingerprint (sha256:...)
  --token <token>           enrollment token (needed for agents not yet enrolled)
  --agents <n>              number of agents (default 100)
  --concurrency <n>         connection attempts in flight at once (default 200)
  --state <file>            keep machine ids and keys here; a later run says hello instead of enrolling
  --reconnect               reconnect dropped agents with full-jitter backoff, never giving up
  --attempts <n>            connect attempts per agent before giving up, without --reconnect (default 5)
  --reconnect-base <dur>    first backoff window (default 1s)
  --reconnect-max <dur>     longest backoff window (default 60s)
  --handshake-timeout <dur> time allowed from TCP connect to welcome (default 15s)
  --report-interval <dur>   progress line every <dur> on stderr, 0 for none (default 2s)
  --hold <dur>              stay connected this long once all agents are up, then leave (default: until SIGINT/SIGTERM)
  --run-id <id>             names agents sim-<id>-<n> (default: random; kept in the state file)
  --first-index <n>         number of the first agent, to split a fleet over several processes (default 0)
  --inventory-on-connect    send a small inventory when the server asks for one at welcome
  --local-address <ip>      connect from this local address: one address has at most ~28,000
                            ephemeral ports to one server port (on loopback, use 127.0.0.x); costs
                            CPU at every connect (the kernel searches a free port), so only when needed
  --no-tls-resume           a full TLS handshake at every connect (the agent resumes its session,
                            which a server restart keeps valid for up to 7 days)
  --echo-timing             answer echo with when the command was read and when the answer was
                            written (ms since the epoch), to split round trips in benchmarks
  --help                    this text

One process holds at most ~19,900 sockets here (the open-file limit is 20,000): spread a larger
fleet over several processes with the same --run-id and consecutive --first-index ranges.

Progress goes to stderr; stdout carries JSON lines: {"event":"connected",...} once every agent has
connected or given up, and {"event":"final",...} when the simulator stops. Exit status 1 when some
agents could not connect, 2 on bad usage.
`;

export interface SimOptions {
  serverUrl: string;
  caFingerprint: string;
  token: string | null;
  agents: number;
  concurrency: number;
  stateFile: string | null;
  reconnect: boolean;
  attempts: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  handshakeTimeoutMs: number;
  reportIntervalMs: number;
  /** null: until a signal. */
  holdMs: number | null;
  runId: string | null;
  firstIndex: number;
  inventoryOnConnect: boolean;
  echoTiming: boolean;
  localAddress: string | null;
  /** Resume each agent's TLS session at its next connect, as the agent does (default). */
  tlsResume: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function integer(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min)
    throw new UsageError(`${flag} must be a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}

function duration(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const ms = parseDuration(raw);
  if (ms === undefined) throw new UsageError(`${flag} must be a duration such as 500ms, 30s or 5m, got "${raw}"`);
  return ms;
}

/** Parses the command line; returns null for --help. Throws UsageError with a sentence to show. */
export function parseSimOptions(argv: string[]): SimOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        server: { type: 'string' },
        'ca-fingerprint': { type: 'string' },
        token: { type: 'string' },
        agents: { type: 'string' },
        concurrency: { type: 'string' },
        state: { type: 'string' },
        reconnect: { type: 'boolean' },
        attempts: { type: 'string' },
        'reconnect-base': { type: 'string' },
        'reconnect-max': { type: 'string' },
        'handshake-timeout': { type: 'string' },
        'report-interval': { type: 'string' },
        hold: { type: 'string' },
        'run-id': { type: 'string' },
        'first-index': { type: 'string' },
        'inventory-on-connect': { type: 'boolean' },
        'echo-timing': { type: 'boolean' },
        'local-address': { type: 'string' },
        'no-tls-resume': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const serverUrl = values.server;
  if (!serverUrl || !/^https:\/\//.test(serverUrl)) throw new UsageError('--server https://host:port is required');
  const caFingerprint = values['ca-fingerprint'];
  if (!caFingerprint || !/^sha256:[0-9a-f]{64}$/.test(caFingerprint))
    throw new UsageError('--ca-fingerprint sha256:<64 hex digits> is required');
  const runId = values['run-id'] ?? null;
  if (runId !== null && !/^[a-z0-9]{1,16}$/.test(runId)) throw new UsageError('--run-id must be 1 to 16 lower-case letters or digits');
  const reconnectBaseMs = duration('--reconnect-base', values['reconnect-base'], 1000);
  return {
    serverUrl,
    caFingerprint,
    token: values.token ?? null,
    agents: integer('--agents', values.agents, 100, 1),
    concurrency: integer('--concurrency', values.concurrency, 200, 1),
    stateFile: values.state ?? null,
    reconnect: values.reconnect ?? false,
    attempts: integer('--attempts', values.attempts, 5, 1),
    reconnectBaseMs,
    reconnectMaxMs: Math.max(reconnectBaseMs, duration('--reconnect-max', values['reconnect-max'], 60_000)),
    handshakeTimeoutMs: duration('--handshake-timeout', values['handshake-timeout'], 15_000),
    reportIntervalMs: duration('--report-interval', values['report-interval'], 2000),
    holdMs: values.hold === undefined ? null : duration('--hold', values.hold, 0),
    runId,
    firstIndex: integer('--first-index', values['first-index'], 0, 0),
    inventoryOnConnect: values['inventory-on-connect'] ?? false,
    echoTiming: values['echo-timing'] ?? false,
    localAddress: values['local-address'] ?? null,
    tlsResume: !(values['no-tls-resume'] ?? false),
  };
}

/** A short id that keeps the hostnames of two runs apart. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}
