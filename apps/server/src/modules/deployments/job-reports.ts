import { isFinalState, targetStateRules, type JobFrame, type JobStateEvent, type Sequences } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { DeploymentAuditTable, DeploymentTargetsTable } from '../../platform/db/tables.js';
import type { Logger } from '../../platform/logger.js';
import { DeploymentsRepository } from './deployments.repository.js';
import type { Move, TargetMover } from './target-mover.js';

/**
 * Applies the agents' job frames: each event once (by its number), output lines to the audit, the
 * last state to the target with a deadline that fits it (a step's own time limit, a reboot's).
 * A target a user already stopped keeps its state; what the agent says still reaches the audit.
 */
export class JobReports {
  private readonly repo: DeploymentsRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly mover: TargetMover,
    private readonly sequences: (deploymentId: string) => Promise<Sequences | null>,
    private readonly log: Logger,
  ) {
    this.repo = new DeploymentsRepository(db);
  }

  async apply(machineId: string, frame: JobFrame): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const target = await this.repo.target(frame.deploymentId, machineId);
      if (!target || target.attempt !== frame.attempt) {
        this.log.debug(
          { machineId, deploymentId: frame.deploymentId, attempt: frame.attempt },
          'job report for an attempt that is not current; dropped',
        );
        return;
      }
      const fresh = frame.events.filter((e) => e.seq > target.last_seq);
      if (fresh.length === 0) return;
      if (await this.mover.move(target, await this.moveFor(target, fresh), this.lines(target, fresh))) return;
      // The scheduler or a user moved the target between the read and the write: read it again.
    }
    this.log.warn({ machineId, deploymentId: frame.deploymentId }, 'job report could not be applied after three tries');
  }

  private lines(target: DeploymentTargetsTable, events: JobFrame['events']): DeploymentAuditTable[] {
    const now = this.clock.now();
    const states = events.filter((e): e is JobStateEvent => e.kind === 'state');
    const last = states.at(-1);
    return events
      .filter((e) => e !== last || isFinalState(target.state as never))
      .map((e) => ({
        deployment_id: target.deployment_id,
        machine_id: target.machine_id,
        attempt: target.attempt,
        at: now,
        seq: e.seq,
        kind: e.kind,
        state: e.kind === 'state' ? e.state : null,
        step: e.step ?? null,
        stream: e.kind === 'output' ? e.stream : null,
        text:
          e.kind === 'output'
            ? e.lines.join('\n')
            : `${targetStateRules[e.state].label}: ${e.failure?.message ?? e.message ?? targetStateRules[e.state].meaning}`,
        failure: e.kind === 'state' && e.failure ? JSON.stringify(e.failure) : null,
      }));
  }

  private async moveFor(target: DeploymentTargetsTable, events: JobFrame['events']): Promise<Move> {
    const lastSeq = Math.max(...events.map((e) => e.seq));
    const last = events.filter((e): e is JobStateEvent => e.kind === 'state').at(-1);
    const timing = this.mover.timings;
    const now = this.clock.now();
    // A stopped (or otherwise ended) target keeps its outcome; the report only adds to the audit.
    if (!last || isFinalState(target.state as never)) {
      return { state: target.state as never, deadline: target.deadline_at, message: target.message ?? '', lastSeq };
    }
    const failure = last.failure;
    const base: Move = {
      state: last.state,
      deadline: null,
      message: failure?.message ?? last.message ?? targetStateRules[last.state].meaning,
      lastSeq,
      seq: last.seq,
      step: last.step ?? (last.state === 'transferring' ? null : target.step),
      percent: last.state === 'transferring' ? (last.percent ?? target.percent) : null,
      ...(failure ? { failure, exitCode: failure.exitCode ?? null, lastLines: failure.lastLines ?? [] } : {}),
    };
    switch (last.state) {
      case 'transferring':
        return { ...base, deadline: now + timing.silenceMs };
      case 'running':
        return { ...base, deadline: now + (await this.stepBudgetMs(target.deployment_id, last.step ?? 1)) + timing.silenceMs };
      case 'waiting-reboot':
        return { ...base, deadline: now + timing.rebootMs };
      default:
        return base;
    }
  }

  /** The longest a step may take by itself: its time limit, or its wait. */
  private async stepBudgetMs(deploymentId: string, step: number): Promise<number> {
    const sequences = await this.sequences(deploymentId);
    let budget = 0;
    for (const sequence of Object.values(sequences ?? {})) {
      const s = sequence?.[step - 1];
      if (s?.action === 'run') budget = Math.max(budget, (s.timeoutS ?? 800) * 1000);
      if (s?.action === 'wait') budget = Math.max(budget, s.seconds * 1000);
    }
    return budget;
  }
}
