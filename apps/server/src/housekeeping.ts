import type { Logger } from './platform/logger.js';
import type { CommandsService } from './modules/commands/index.js';
import type { MachinesService } from './modules/machines/index.js';
import type { NodesService } from './modules/nodes/index.js';

export interface Housekeeping {
  /** Runs one round now (tests call it instead of waiting). */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

/**
 * Periodic work. Every node heartbeats. A node with the scheduler role also ends what lost nodes
 * left behind (their machines go offline "server node lost", the commands they had sent fail with
 * that cause), routes queued commands to machines that came online, and expires the overdue.
 * Every step is idempotent, so several schedulers may run at once.
 */
export function startHousekeeping(deps: {
  nodes: NodesService;
  machines: MachinesService;
  commands: CommandsService;
  scheduler: boolean;
  intervalMs: number;
  /** Deletes audit lines past their retention; run at most hourly, by `now`. */
  pruneAudit?: () => Promise<number>;
  now: () => number;
  log: Logger;
}): Housekeeping {
  const { nodes, machines, commands, log } = deps;
  let running: Promise<void> | null = null;
  let prunedAt = 0;
  const round = async () => {
    await nodes.heartbeat();
    if (!deps.scheduler) return;
    const lost = await nodes.reapSilent();
    if (lost.length > 0) {
      const released = await machines.releaseNodes(lost, 'server-node-lost');
      const failed = await commands.failSentBy(lost);
      log.warn({ nodes: lost, machines: released.length, commands: failed }, 'released what lost nodes held');
    }
    await commands.expireDue();
    await commands.redispatchQueued();
    if (deps.pruneAudit && deps.now() - prunedAt >= 3_600_000) {
      prunedAt = deps.now();
      const pruned = await deps.pruneAudit();
      if (pruned > 0) log.info({ lines: pruned }, 'audit lines past their retention deleted');
    }
  };
  const runOnce = () => {
    running ??= round()
      .catch((error: unknown) => log.warn({ err: error }, 'housekeeping round failed'))
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void runOnce(), deps.intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
