/** The top of bench/RESULTS.md: what each benchmark measures, its options and its target. */
export const RESULTS_HEADER = `# Benchmark results

Each benchmark in \`bench/\` appends a dated entry here when it runs, with the machine it ran on,
its figures and its verdict against the current target. Newest entries are at the bottom. Build
first (\`npx tsc -b\`); the server under test and the load generator share the machine, so compare
entries from the same machine, and read the CPU columns next to the times.

## connect — \`npm run bench:connect -- --agents 2000\`

Starts a real \`pons server\` (SQLite, \`PONS_LOG_LEVEL=warn\`, temporary data directory), creates an
enrollment token, then runs the agent simulator (\`tools/agent-sim\`) as a separate process: N
agents, each with its own key, enrol over TLS with the pinned CA. It measures, from the server's
side:

- **time to all online**: from starting the simulator until the machine list
  (\`/api/v1/machines?status=online\` \`counts.online\`, i.e. the database) shows all N online; also
  when \`/healthz\` \`agentsConnected\` (authenticated sockets) reached N;
- **peak connects/s**: the steepest rise of the online count over any one-second window;
- **server RSS**: idle before the agents (\`/proc/<pid>/status\` VmRSS), with all connected, the peak
  (VmHWM), and the RSS per agent above idle;
- **server CPU**: spent during the connect phase (per agent), and while idle with all connected
  (\`/proc/<pid>/stat\` utime+stime over 5 s, % of one core);
- the simulator's own figures (its RSS and CPU, failed attempts by code), and how long the server
  takes to show every agent offline once the simulator stops.

Options: \`--agents N\` (2000), \`--concurrency C\` (200 connects in flight per simulator),
\`--sims P\` (spread the agents over P simulator processes; one process holds at most ~19,900
sockets here, so the default is one process per 10,000 agents), \`--workers W\` (run \`pons server
--workers W\`: W worker processes sharing the port; RSS, CPU and CPU wait are then summed over the
primary and its workers, and each process's RSS and open files are shown), \`--database-url
postgres://...\` (a fresh PostgreSQL database for the run), \`--cpu-prof\` (write V8 CPU profiles
of the server and the simulator to \`bench/out/\`), \`--no-record\` (do not append here),
\`--verbose\` (the simulator's progress).

Targets: 2,000 agents online in under 30 s with the server under 400 MB RSS (peak); 19,000 agents
(\`--agents 19000 --sims 2\`) online with at most 60 KB of server RSS per agent above idle; 40,000
agents on one machine (\`--agents 40000 --sims 3 --workers 3\`), every worker under the 20,000 open
files one process may hold here (the limit is per process, not per product). Both processes
share the machine's cores: the row "machine CPU used" shows how much of the machine the server and
the simulator had, and "waited for a CPU" how long their event loops were ready to run but had
no core (\`/proc/<pid>/schedstat\`): a large wait means the run was starved by other work on the
machine (see the load average), not slowed by the server.

## storm, fan-out, rtt and the ceiling

These start a real \`pons server\` (SQLite; \`--database-url postgres://user@host:5432/db\` creates a
fresh PostgreSQL database on that server for the run and drops it afterwards) and the simulator
as separate processes, and run the **ceiling** in the same run first (\`--no-ceiling\` skips it):
a bare \`ws\` server over TLS with the Pons server's own certificate chain (\`pki/server.pem\`,
\`server.key\`, \`ca.pem\` of its data dir) in a child process, and a tiny load generator
(\`bench/src/lib/ceiling-client.ts\`, as many processes as simulators, the same connects in flight
and, for the storm, the simulator's backoff) that opens the same number of TLS WebSocket
connections and echoes every message. Each Pons figure is also printed as a ratio to the ceiling.
Common options: \`--agents N\`, \`--sims P\` (default one per 10,000 agents), \`--concurrency C\`,
\`--database-url\`, \`--no-ceiling\`, \`--cpu-prof\` (V8 profile of the server in \`bench/out/\`),
\`--no-record\`, \`--verbose\`.

- **storm** — \`npm run bench:storm -- --agents 19000\`: all agents connected (simulator with
  \`--reconnect\`), then the server is restarted (SIGTERM, then started again on the same data dir
  and port). Measures the time from the SIGTERM until the database shows all N online again (also
  from when the server listened again), the peak connects/s (1 s windows, database and gateway),
  the server CPU, the simulator's failed attempts by code, and that no agent gave up. The
  agents' backoff (full jitter from 1 s, a 0-8 s window after the 1012 restart close, doubling
  after each failure, but only up to 0-16 s while connects are refused) sets much of the time, so
  the ceiling restarts the same way with the same policy. Agents resume their TLS sessions, as
  the agent does (the server keeps its ticket key in \`pki/\` for 7 days, so a restart does not
  void them); \`--no-tls-resume\` makes every agent do a full handshake, as after a restart of a
  server that ran more than 7 days. The ceiling never resumes. Target: all 19,000 back within 60 s.
- **fan-out** — \`npm run bench:fanout -- --agents 19000\`: with all connected, one \`echo\` to
  \`all\` per round (\`--rounds 3\`, 3 s apart); the time from \`createdAt\` to \`lastReplyAt\` (server
  clock) and from sending the POST until the summary (polled every 250 ms) shows all succeeded.
  Target: the median createdAt → lastReplyAt within 2× the bare-ws fan-out (start of its send
  loop to the last reply, median of as many rounds) measured in the same run.
- **rtt** — \`npm run bench:rtt -- --agents 5000 --seconds 30\`: every agent receives one signed
  \`echo\` a second, spread over the second as real traffic is: the agents are split into
  1000/\`--tick-ms\` slices (20 ms: 50 slices of 100) and every tick one command goes to the next
  slice through \`POST /api/v1/commands\` (each such command is signed once for its set of
  machines; every frame carries its machine's proof). Every target's round trip \`completedAt −
  sentAt\` (from the moment its frame was written to its socket to the moment its answer was read,
  server clock) is read from the results pages, overall and per second; the first \`--warmup\`
  seconds (5) run the same load and are reported apart. The simulated agents put the times they
  read the command and wrote the answer in their echo (\`--echo-timing\`), so each round trip
  splits into its way to the agent, its time in the agent and its way back, and the slowest 1 % are
  shown with that split. The ceiling runs the same staggered pattern (its own write to the reply).
  Also: the time from the command's acceptance, the POST times, CPU and CPU wait of the server and
  the simulator. Target: p99 at most 50 ms.
- **presence** — \`npm run bench:presence -- --agents 10000 --seconds 600\`: N agents for ten
  minutes with an echo to all every 30 s. Most stay up and must never be shown offline, neither by
  the live event stream (what the console shows) nor by the database (polled every 10 s), and the
  simulator must see none of their connections dropped. Three groups of 5 % are taken down during
  the run: one simulator killed with SIGKILL (its sockets closed by the kernel: "connection lost"),
  one killed behind a TCP relay that was first made silent (nothing closes; the server sees pongs
  missing: "network timeout", within two ping intervals), one stopped with SIGTERM (each agent says
  goodbye: "agent stopped"). Every one of their machines must be shown offline with that reason;
  the time from the action to the last offline event is shown. Target: no false offline, every
  reason right.
- **deploy** — \`npm run bench:deploy -- --agents 200\`: a 50 MB package (random bytes, one file,
  no step but \`success\`) deployed to every agent: each simulated agent receives the signed
  \`deploy.start\`, downloads the file from \`/agent/v1/files/<sha256>\` with its token, hashes it
  (SHA-256, nothing is written) and reports with job frames. Measured from the POST until every
  target is final (the scheduler runs every 100 ms here). Then the same file to the same number of
  clients at once, with the same download code in one process (\`bench/src/lib/fetch-child.ts\`):
  from Pons outside a deployment, and from Debian's nginx (\`nginx-light\`, installed by the bench
  when missing; a worker per core, sendfile, TLS with the Pons server's certificate). Target: the
  deployment's throughput at least 0.8× nginx's in the same run.
- **ceiling** — \`npm run bench:ceiling -- --agents 19000\`: the ceiling alone: RSS per connection,
  connect rate, fan-out to all (\`--rounds\`), a restart storm, then staggered round trips at 5,000
  × 1 message/s for \`--seconds\`. A reference, no performance target.

The simulator runs with \`--max-semi-space-size=64\` (a larger young generation): it holds thousands
of agents in one process, and its garbage collector's pauses would otherwise be counted as round
trip time. Since 2026-12-02 the server runs with the same setting, as docs/scale-out.md recommends
for large fleets; entries before that ran it with
Node's defaults. From the rtt run of 2026-12-02 04:56 both also run \`--single-threaded-gc\` (the
collector on the main thread: on two shared cores its helper threads waited for a core while the
process stood still), as docs/scale-out.md recommends for two-core hosts, and rtt runs two
simulator processes (and two ceiling clients) by default. From 2026-12-02 07:40 both also run
\`--heap-growing-percent=300\` (a full collection when the old generation has grown to four times
what survived the last one: with V8's default growth the simulators ran one every 3-4 s of rtt
load), and the simulators' young generation is back to 16 MB (with full collections that rare,
shorter scavenges for the same total). \`PONS_BENCH_NODE_FLAGS\` adds Node
flags to the server and the simulators (say \`--trace-gc\`, which NODE_OPTIONS does not allow) to
look into a run.
`;
