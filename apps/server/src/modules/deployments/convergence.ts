import type { Checks, PackageOs } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { DeploymentsTable } from '../../platform/db/tables.js';
import type { Logger } from '../../platform/logger.js';
import type { CommandsService } from '../commands/index.js';
import type { MachinesService } from '../machines/index.js';
import { freshAttempt, scheduledLine } from './deployment-mapper.js';
import { DeploymentsRepository } from './deployments.repository.js';
import type { TargetMover } from './target-mover.js';

const OS_OF_PLATFORM: Record<string, PackageOs> = { linux: 'linux', windows: 'windows', darwin: 'macos' };

export interface ConvergenceDeps {
  db: Db;
  clock: Clock;
  machines: MachinesService;
  commands: CommandsService;
  mover: TargetMover;
  checks: (deploymentId: string) => Promise<Checks>;
  /** The machines of a group now. */
  groupMembers: (groupId: string) => Promise<string[]>;
  everyMs: number;
  log: Logger;
}

/**
 * Keeps converging deployments applied (Medulla's convergence): machines that joined the group or entity
 * since the last look become targets, and on machines where it succeeded the package's check runs
 * again; a check that says "missing" starts a new attempt there.
 */
export class Convergence {
  private readonly repo: DeploymentsRepository;
  private nextLook = 0;

  constructor(private readonly deps: ConvergenceDeps) {
    this.repo = new DeploymentsRepository(deps.db);
  }

  async pass(): Promise<void> {
    const now = this.deps.clock.now();
    // Called every scheduler tick; the database is asked at most every 10 s (or every interval, if shorter).
    if (now < this.nextLook) return;
    this.nextLook = now + Math.min(this.deps.everyMs, 10_000);
    for (const deployment of await this.repo.convergingDue(now, this.deps.everyMs)) {
      await this.repo.markConverged(deployment.id, now);
      try {
        await this.addMembers(deployment, now);
        await this.check(deployment);
      } catch (error) {
        this.deps.log.warn({ err: error, deploymentId: deployment.id }, 'convergence pass failed for a deployment');
      }
    }
  }

  private async addMembers(deployment: DeploymentsTable, now: number): Promise<void> {
    const members = deployment.target_group_id
      ? (await this.deps.groupMembers(deployment.target_group_id)).map((id) => ({ id }))
      : await this.deps.machines.resolveTargets(
          'all',
          deployment.target_entity_id ? { entity: deployment.target_entity_id } : { all: true },
        );
    const known = await this.repo.targetMachineIds(deployment.id);
    const joined = members.filter((m) => !known.has(m.id));
    if (joined.length === 0) return;
    const message = 'Joined the target set; convergence deploys to it.';
    await this.repo.insertTargets(
      joined.map((m) => ({
        deployment_id: deployment.id,
        machine_id: m.id,
        attempt: 1,
        ...freshAttempt(now, message, deployment.retries),
      })),
    );
    await this.repo.insertAudit(
      joined.map((m) => scheduledLine({ deployment_id: deployment.id, machine_id: m.id, attempt: 1 }, now, message)),
    );
    for (const m of joined) await this.deps.mover.publish({ deployment_id: deployment.id, machine_id: m.id }, []);
    this.deps.log.info({ deploymentId: deployment.id, joined: joined.length }, 'convergence: new machines to deploy to');
  }

  /** Runs the package's check on each machine where it succeeded (and that is online). */
  private async check(deployment: DeploymentsTable): Promise<void> {
    const checks = await this.deps.checks(deployment.id);
    for (const target of await this.repo.succeededOnline(deployment.id)) {
      const os = OS_OF_PLATFORM[target.platform];
      const check = os ? checks[os] : undefined;
      if (!check) continue;
      const args = { shell: check.shell, command: check.command, timeoutS: check.timeoutS ?? 60 };
      const commandId = await this.deps.commands.issue(deployment.created_by, 'shell.run', args, [target.machine_id], 10 * 60_000);
      await this.repo.transition(
        { deploymentId: target.deployment_id, machineId: target.machine_id, attempt: target.attempt, state: 'success' },
        { command_id: commandId },
      );
      await this.onCheckSettled(commandId);
    }
  }

  /** A check that ran: exit code 0 means installed; anything else, a new attempt. */
  async onCheckSettled(commandId: string): Promise<void> {
    for (const target of await this.repo.checkingFor(commandId)) {
      const outcome = await this.deps.commands.outcome(commandId, target.machine_id);
      if (!outcome || outcome.status !== 'succeeded') continue;
      const { exitCode, timedOut } = (outcome.output ?? {}) as { exitCode?: number | null; timedOut?: boolean };
      // Only a check's answer (an exit code, or a timeout) says anything about the package.
      if (exitCode === 0 || (typeof exitCode !== 'number' && timedOut !== true)) continue;
      await this.deps.mover.again(
        target,
        `The package check found it missing (exit code ${exitCode ?? 'none: it timed out'}); convergence deploys it again.`,
        target.retries_left,
      );
    }
  }
}
