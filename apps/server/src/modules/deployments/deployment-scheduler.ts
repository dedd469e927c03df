import { parseWindows, type DeployStartArgs, type TargetState } from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { DownloadTokens } from '../../platform/crypto/download-tokens.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { CommandsService } from '../commands/index.js';
import { DeploymentsRepository, type DueRow } from './deployments.repository.js';
import type { Convergence } from './convergence.js';
import type { TargetMover } from './target-mover.js';
import { decideOverdue, decideWaiting, waitingStates, type Plan } from './transitions.js';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  bus: Bus;
  mover: TargetMover;
  commands: CommandsService;
  tokens: DownloadTokens;
  /** What a machine needs to run the deployment, minus the per-machine token. */
  job: (deploymentId: string) => Promise<Omit<DeployStartArgs, 'downloadToken' | 'attempt'> & { createdBy: string; endAt: number }>;
  /** Wake-on-LAN for a target: from an online neighbour on its subnet, else from the server. */
  wake: (machineId: string) => Promise<{ sentBy: { hostname: string } }>;
  tickMs: number;
  convergence: Convergence;
  log: Logger;
}

const BATCH = 500;

/**
 * Moves deployment targets whose deadline has come (Medulla scans every 30 s; this looks every
 * tick and also the moment a machine comes online or goes offline). Each move is a conditional
 * update, so several schedulers on several nodes never move one target twice.
 */
export class DeploymentScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly repo: DeploymentsRepository;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: SchedulerDeps) {
    this.repo = new DeploymentsRepository(deps.db);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.deps.tickMs);
    this.timer.unref();
    this.unsubscribe.push(
      this.deps.bus.subscribe('machine.changed', ({ machines }) => {
        const now = this.deps.clock.now();
        const online = machines.filter((m) => m.status === 'online').map((m) => m.id);
        const offline = machines.filter((m) => m.status !== 'online').map((m) => m.id);
        void Promise.all([this.repo.wakeWaiting(online, now), this.repo.graceLost(offline, now + this.deps.mover.timings.lostGraceMs)])
          .then(() => (online.length > 0 ? this.tick() : undefined))
          .catch((error: unknown) => this.deps.log.warn({ err: error }, 'could not follow a presence change in deployments'));
      }),
      this.deps.bus.subscribe('command.settled', ({ commandId }) => void this.onCommandSettled(commandId)),
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.running;
  }

  /** One pass over the due targets; a pass already running is joined, not doubled. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'deployment scheduler pass failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    await this.deps.convergence.pass();
    for (let round = 0; round < 20; round++) {
      const due = await this.repo.due(this.deps.clock.now(), BATCH);
      if (due.length === 0) return;
      const active = await this.repo.activeCounts([...new Set(due.map((d) => d.deployment_id))]);
      let moved = 0;
      for (const target of due) if (await this.step(target, active)) moved++;
      if (due.length < BATCH || moved === 0) return;
    }
  }

  private async step(target: DueRow, active: Map<string, number>): Promise<boolean> {
    const { clock, mover } = this.deps;
    const now = clock.now();
    const online = target.machine_status === 'online';
    if (!waitingStates.includes(target.state as TargetState)) {
      return mover.move(target, decideOverdue(target.state as TargetState, online, mover.timings));
    }
    const running = active.get(target.deployment_id) ?? 0;
    const slotFree = target.max_concurrent === null || running < target.max_concurrent;
    const windows = target.windows ? parseWindows(target.windows) : null;
    const plan: Plan = {
      startAt: target.start_at,
      endAt: target.end_at,
      windows: Array.isArray(windows) ? windows : null,
      wakeOnLan: target.wake_on_lan === 1,
    };
    const decision = decideWaiting(target.state as TargetState, plan, online, slotFree, now, mover.timings);
    if (!(await mover.move(target, decision))) return false;
    if (decision.action === 'start') {
      active.set(target.deployment_id, running + 1);
      await this.startJob(target);
    } else if (decision.action === 'wol') {
      // Not awaited: a neighbour's answer may take seconds, and the other targets wait for this tick.
      this.deps.wake(target.machine_id).then(
        (sent) => this.deps.log.info({ machineId: target.machine_id, sentBy: sent.sentBy.hostname }, 'Wake-on-LAN sent for a deployment'),
        (error: unknown) => this.deps.log.warn({ err: error, machineId: target.machine_id }, 'could not send Wake-on-LAN packets'),
      );
    }
    return true;
  }

  /** Sends the signed deploy.start; a refusal or a failure to send comes back through command.settled. */
  private async startJob(target: DueRow): Promise<void> {
    const { commands, tokens, mover } = this.deps;
    try {
      const job = await this.deps.job(target.deployment_id);
      const { createdBy, endAt, ...args } = job;
      const downloadToken = tokens.issue({
        machineId: target.machine_id,
        deploymentId: target.deployment_id,
        // Long enough for a job that resumes after a reboot late in the window.
        expiresAt: Math.max(endAt, this.deps.clock.now()) + 86_400_000,
      });
      const commandId = await commands.issue(
        createdBy,
        'deploy.start',
        { ...args, attempt: target.attempt, downloadToken },
        [target.machine_id],
        mover.timings.acceptMs,
      );
      await this.repo.transition(
        { deploymentId: target.deployment_id, machineId: target.machine_id, attempt: target.attempt, state: 'starting' },
        { command_id: commandId },
      );
      // The agent may have answered before the command id was written: look at the outcome once now.
      await this.onCommandSettled(commandId);
    } catch (error) {
      this.deps.log.error({ err: error, deploymentId: target.deployment_id }, 'could not send a deployment to its machine');
      const current = await this.repo.target(target.deployment_id, target.machine_id);
      if (current?.state === 'starting' && current.attempt === target.attempt) {
        await mover.move(current, { state: 'rejected', deadline: null, message: `The job could not be sent: ${(error as Error).message}` });
      }
    }
  }

  /** A deploy.start the agent refused, or that never reached it, ends the attempt with why. */
  private async onCommandSettled(commandId: string): Promise<void> {
    try {
      await this.deps.convergence.onCheckSettled(commandId);
      for (const target of await this.repo.startingFor(commandId)) {
        const outcome = await this.deps.commands.outcome(commandId, target.machine_id);
        if (!outcome || outcome.status === 'succeeded' || outcome.status === 'queued' || outcome.status === 'sent') continue;
        const lost = outcome.status === 'expired' || outcome.error?.code === 'PONS_E_COMMAND_LOST';
        await this.deps.mover.move(target, {
          state: lost ? 'machine-lost' : 'rejected',
          deadline: null,
          message: outcome.error?.message ?? `The agent answered ${outcome.status}.`,
        });
      }
    } catch (error) {
      this.deps.log.warn({ err: error, commandId }, 'could not follow a deploy.start outcome');
    }
  }
}
