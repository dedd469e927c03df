import { Agent, AgentExit } from './agent.js';
import { parseAgentConfig, USAGE } from './config.js';
import { collectorFor } from './inventory/index.js';
import { createAgentLogger } from './log.js';
import { stopReason } from './platform/host-state.js';
import { watchSleep } from './platform/sleep-watch.js';

async function main(): Promise<number> {
  let config;
  try {
    config = parseAgentConfig(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`pons agent: ${(error as Error).message}\n\n${USAGE}`);
    return AgentExit.badConfig;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return AgentExit.ok;
  }
  const log = createAgentLogger(config.logLevel);
  const agent = new Agent(config, { log, collector: collectorFor(process.platform, config.hostname), stopReason });
  const onSignal = (signal: string) => {
    log.info(`received ${signal}, stopping`);
    void agent.stop();
  };
  if (config.exitWithParent) {
    // A server killed with SIGKILL cannot stop its local agent; the agent notices it was orphaned.
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && onSignal('parent exit'), 1000).unref();
  }
  const sleepWatch = process.platform === 'linux' ? watchSleep({ sleep: () => agent.sleep(), resume: () => agent.wake() }, log) : null;
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const code = await agent.run();
  sleepWatch?.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pons agent: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
