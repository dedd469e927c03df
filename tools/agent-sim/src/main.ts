import { setTimeout as sleep } from 'node:timers/promises';
import { parseSimOptions, USAGE, UsageError, type SimOptions } from './sim-options.js';
import { Simulator } from './simulator.js';
import { StateFileError } from './state-file.js';

/** Exit statuses: 1 when some agents never connected (or the server could not be used), 2 on bad usage. */
const Exit = { ok: 0, notAllConnected: 1, usage: 2 } as const;

const log = (line: string) => process.stderr.write(`${line}\n`);

function parse(argv: string[]): SimOptions | number {
  try {
    const options = parseSimOptions(argv);
    if (options) return options;
    process.stdout.write(USAGE);
    return Exit.ok;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`agent-sim: ${error.message}\n\n${USAGE}`);
    return Exit.usage;
  }
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === 'number') return options;
  let sim: Simulator;
  try {
    sim = Simulator.create(options, log);
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    log(`agent-sim: ${error.message}`);
    return Exit.usage;
  }
  const emit = (event: 'connected' | 'final') => process.stdout.write(`${JSON.stringify({ event, ...sim.stats.figures(Date.now()) })}\n`);
  const progress =
    options.reportIntervalMs > 0
      ? setInterval(() => log(sim.stats.progressLine(Date.now(), sim.inFlight)), options.reportIntervalMs)
      : null;

  let shuttingDown: Promise<number> | null = null;
  const shutdown = (): Promise<number> =>
    (shuttingDown ??= (async () => {
      if (progress) clearInterval(progress);
      await sim.stop();
      log(sim.stats.progressLine(Date.now(), 0));
      emit('final');
      const { failedAgents, everConnected, agents } = sim.stats;
      return failedAgents > 0 || everConnected < agents ? Exit.notAllConnected : Exit.ok;
    })());
  const onSignal = () => void shutdown().then((code) => process.exit(code));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  log(
    `[agent-sim ${sim.runId}] ${options.agents} agents to ${options.serverUrl}, ${options.concurrency} connects in flight${options.reconnect ? ', reconnecting' : ''}`,
  );
  try {
    await sim.start();
  } catch (error) {
    log(`agent-sim: cannot use the server: ${(error as Error).message}`);
    await shutdown();
    return Exit.notAllConnected;
  }
  await sim.settled;
  if (shuttingDown) return shuttingDown;
  sim.save();
  log(sim.stats.progressLine(Date.now(), sim.inFlight));
  emit('connected');
  // Agents that gave up will not come back by waiting (retries are over): say so at once.
  if (sim.stats.failedAgents > 0) return shutdown();
  if (options.holdMs !== null) await sleep(options.holdMs);
  else await new Promise<void>(() => setInterval(() => undefined, 3_600_000)); // until a signal, even with no socket left
  return shutdown();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`agent-sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
