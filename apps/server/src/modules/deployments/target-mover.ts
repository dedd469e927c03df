import { isFinalState, type JobFailure, type TargetState } from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { DeploymentAuditTable, DeploymentTargetsTable } from '../../platform/db/tables.js';
import { freshAttempt, presentAudit, presentTarget, scheduledLine, stateLabel } from './deployment-mapper.js';
import { DeploymentsRepository } from './deployments.repository.js';
import type { DeploymentTiming } from './transitions.js';

export interface Move {
  state: TargetState;
  /** Required for a non-final state: every waiting or active state has something that ends it. */
  deadline: number | null;
  message: string;
  step?: number | null;
  percent?: number | null;
  exitCode?: number | null;
  lastLines?: string[];
  failure?: JobFailure;
  commandId?: string | null;
  /** The agent's last event number, when the move comes from its report. */
  lastSeq?: number;
  /** The agent's number of the event that made the move (orders it among output lines). */
  seq?: number;
}

const NO_RETRY: TargetState[] = ['success', 'cancelled', 'outside-window', 'rejected'];
const ACTIVE: TargetState[] = ['starting', 'transferring', 'running', 'waiting-reboot'];

/**
 * The one way a deployment target changes state: a conditional update from the state it was read
 * in, an audit line, a live event, and a new attempt when a failure leaves retries.
 */
export class TargetMover {
  private readonly repo: DeploymentsRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: Bus,
    private readonly timing: DeploymentTiming,
  ) {
    this.repo = new DeploymentsRepository(db);
  }

  /** False when the target had moved meanwhile; nothing is written then. */
  async move(target: DeploymentTargetsTable, move: Move, extraAudit: DeploymentAuditTable[] = []): Promise<boolean> {
    const final = isFinalState(move.state);
    if (!final && move.deadline === null) throw new Error(`a target may not enter ${move.state} without a deadline`);
    const now = this.clock.now();
    const changed = move.state !== target.state || move.step !== undefined || move.percent !== undefined;
    const set: Partial<DeploymentTargetsTable> = {
      state: move.state,
      state_since: move.state === target.state ? target.state_since : now,
      deadline_at: final ? null : move.deadline,
      ...(move.step !== undefined ? { step: move.step } : {}),
      ...(move.percent !== undefined ? { percent: move.percent } : {}),
      ...(move.exitCode !== undefined ? { exit_code: move.exitCode } : {}),
      ...(move.lastLines !== undefined ? { last_lines: JSON.stringify(move.lastLines) } : {}),
      // The command id names what the target waits for (its deploy.start, a convergence check):
      // a move to another state forgets it, so a late answer to it can no longer act on the target.
      ...(move.commandId !== undefined ? { command_id: move.commandId } : move.state !== target.state ? { command_id: null } : {}),
      ...(move.lastSeq !== undefined ? { last_seq: move.lastSeq } : {}),
      message: move.message,
    };
    const line: DeploymentAuditTable = {
      deployment_id: target.deployment_id,
      machine_id: target.machine_id,
      attempt: target.attempt,
      at: now,
      seq: move.seq ?? 0,
      kind: 'state',
      state: move.state,
      step: move.step ?? null,
      stream: null,
      text: `${stateLabel(move.state, move.step ?? null, move.percent ?? null)}: ${move.message}`,
      failure: move.failure ? JSON.stringify(move.failure) : null,
    };
    const lines = changed ? [...extraAudit, line] : extraAudit;
    const moved = await this.db.transaction().execute(async (trx) => {
      const repo = new DeploymentsRepository(trx);
      if (
        !(await repo.transition(
          { deploymentId: target.deployment_id, machineId: target.machine_id, attempt: target.attempt, state: target.state },
          set,
        ))
      ) {
        return false;
      }
      await repo.insertAudit(lines);
      return true;
    });
    if (!moved) return false;
    // A target that ended frees a slot: those waiting for one are looked at on the next tick.
    if (final && ACTIVE.includes(target.state as TargetState)) await this.repo.wakeSlotWaiters(target.deployment_id, now);
    await this.publish(target, lines);
    if (final && move.state !== target.state && !NO_RETRY.includes(move.state) && target.retries_left > 0)
      await this.retry({ ...target, ...set });
    return true;
  }

  /** A new attempt of a target that ended; the old attempt's audit stays. */
  async again(target: DeploymentTargetsTable, message: string, retriesLeft: number): Promise<boolean> {
    const now = this.clock.now();
    const next = { ...target, attempt: target.attempt + 1 };
    const line = scheduledLine(next, now, message);
    const moved = await this.db.transaction().execute(async (trx) => {
      const repo = new DeploymentsRepository(trx);
      const ok = await repo.transition(
        { deploymentId: target.deployment_id, machineId: target.machine_id, attempt: target.attempt, state: target.state },
        { attempt: next.attempt, ...freshAttempt(now, message, retriesLeft) },
      );
      if (ok) await repo.insertAudit([line]);
      return ok;
    });
    if (moved) await this.publish(next, [line]);
    return moved;
  }

  private retry(target: DeploymentTargetsTable): Promise<boolean> {
    const left = target.retries_left - 1;
    return this.again(
      target,
      `Attempt ${target.attempt} failed; trying again (${left} ${left === 1 ? 'retry' : 'retries'} left after this one).`,
      left,
    );
  }

  async publish(target: Pick<DeploymentTargetsTable, 'deployment_id' | 'machine_id'>, lines: DeploymentAuditTable[]): Promise<void> {
    const row = await this.repo.target(target.deployment_id, target.machine_id);
    this.bus.publish('deployment.changed', {
      deploymentId: target.deployment_id,
      targets: row ? [presentTarget(row)] : [],
      lines: lines.map(presentAudit),
    });
  }

  get timings(): DeploymentTiming {
    return this.timing;
  }
}
