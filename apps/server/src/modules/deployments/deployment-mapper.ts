import {
  targetStateRules,
  type AuditLine,
  type DeploymentSummary,
  type DeploymentTarget,
  type JobFailure,
  type TargetState,
} from '@pons/protocol';
import type { DeploymentAuditTable, DeploymentTargetsTable } from '../../platform/db/tables.js';
import type { DeploymentRow } from './deployments.repository.js';

/** Medulla's name for the state, with the step or percent that goes with it. */
export function stateLabel(state: TargetState, step: number | null, percent: number | null): string {
  const label = targetStateRules[state].label;
  if (state === 'transferring' && percent !== null) return `${label} (${percent} %)`;
  if (state === 'running' && step !== null) return `RUNNING STEP ${step}`;
  return label;
}

/** The fields of a target starting an attempt: scheduled and due at once (the scheduler decides the rest). */
export function freshAttempt(now: number, message: string, retriesLeft: number) {
  return {
    state: 'scheduled',
    state_since: now,
    deadline_at: now,
    step: null,
    percent: null,
    exit_code: null,
    message,
    last_lines: null,
    last_seq: 0,
    retries_left: retriesLeft,
    command_id: null,
  } satisfies Partial<DeploymentTargetsTable>;
}

/** The audit line of a target (re)entering DEPLOY TASK SCHEDULED, written by the server. */
export function scheduledLine(
  target: { deployment_id: string; machine_id: string; attempt: number },
  at: number,
  message: string,
): DeploymentAuditTable {
  return {
    deployment_id: target.deployment_id,
    machine_id: target.machine_id,
    attempt: target.attempt,
    at,
    seq: 0,
    kind: 'state',
    state: 'scheduled',
    step: null,
    stream: null,
    text: `${stateLabel('scheduled', null, null)}: ${message}`,
    failure: null,
  };
}

export function presentTarget(row: DeploymentTargetsTable & { hostname: string }): DeploymentTarget {
  const state = row.state as TargetState;
  return {
    deploymentId: row.deployment_id,
    machineId: row.machine_id,
    hostname: row.hostname,
    attempt: row.attempt,
    state,
    label: stateLabel(state, row.step, row.percent),
    final: targetStateRules[state].final,
    stateSince: row.state_since,
    deadlineAt: row.deadline_at,
    step: row.step,
    percent: row.percent,
    exitCode: row.exit_code,
    message: row.message,
    lastLines: row.last_lines ? (JSON.parse(row.last_lines) as string[]) : [],
  };
}

export function presentAudit(row: DeploymentAuditTable): AuditLine {
  return {
    deploymentId: row.deployment_id,
    machineId: row.machine_id,
    attempt: row.attempt,
    at: row.at,
    kind: row.kind === 'output' ? 'output' : 'state',
    state: (row.state as TargetState | null) ?? null,
    step: row.step,
    stream: (row.stream as AuditLine['stream']) ?? null,
    text: row.text,
    failure: row.failure ? (JSON.parse(row.failure) as JobFailure) : null,
  };
}

export function presentDeployment(row: DeploymentRow, counts: Record<string, number>): DeploymentSummary {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const open = Object.entries(counts).reduce((sum, [state, n]) => sum + (targetStateRules[state as TargetState]?.final ? 0 : n), 0);
  return {
    id: row.id,
    title: row.title,
    packageId: row.package_id,
    packageName: row.package_name,
    version: row.version,
    revision: row.revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startAt: row.start_at,
    endAt: row.end_at,
    windows: row.windows,
    wakeOnLan: row.wake_on_lan === 1,
    maxConcurrent: row.max_concurrent,
    maxBytesPerSecond: row.max_bytes_per_second,
    retries: row.retries,
    converge: row.converge === 1,
    convergedAt: row.converged_at,
    // A converging deployment never finishes: it waits for newcomers and checks again.
    status: row.status === 'stopped' ? 'stopped' : open === 0 && row.converge !== 1 ? 'finished' : 'active',
    total,
    counts,
  };
}
