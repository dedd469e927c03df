import { describe, expect, it } from 'vitest';
import type { AuditLine, DeploymentDetail, DeploymentTarget } from '@pons/protocol';
import { applyTarget, capLines, liveSummary, mergeAudit } from './deployment-view.js';

function target(machineId: string, hostname: string, overrides: Partial<DeploymentTarget> = {}): DeploymentTarget {
  return {
    deploymentId: 'd1',
    machineId,
    hostname,
    attempt: 1,
    state: 'scheduled',
    label: 'DEPLOY TASK SCHEDULED',
    final: false,
    stateSince: 1_000,
    deadlineAt: null,
    step: null,
    percent: null,
    exitCode: null,
    message: null,
    lastLines: [],
    ...overrides,
  };
}

function line(machineId: string, at: number, text: string, overrides: Partial<AuditLine> = {}): AuditLine {
  return {
    deploymentId: 'd1',
    machineId,
    attempt: 1,
    at,
    kind: 'output',
    state: null,
    step: 1,
    stream: 'stdout',
    text,
    failure: null,
    ...overrides,
  };
}

describe('applyTarget', () => {
  const targets = [target('m1', 'alpha'), target('m2', 'beta')];

  it('replaces the target of that machine', () => {
    const running = target('m2', 'beta', { state: 'running', label: 'RUNNING STEP 1', stateSince: 2_000 });
    expect(applyTarget(targets, running)[1]).toBe(running);
  });

  it('ignores an event older than what is shown, so replays are harmless', () => {
    const success = target('m1', 'alpha', { state: 'success', final: true, stateSince: 3_000 });
    const shown = applyTarget(targets, success);
    expect(applyTarget(shown, target('m1', 'alpha', { state: 'running', stateSince: 2_000 }))[0]).toBe(success);
    expect(applyTarget(shown, success)).toEqual(shown);
  });

  it('takes a new attempt even when its clock is behind', () => {
    const failed = target('m1', 'alpha', { state: 'step-failed', final: true, stateSince: 5_000 });
    const again = target('m1', 'alpha', { attempt: 2, stateSince: 4_999 });
    expect(applyTarget(applyTarget(targets, failed), again)[0]).toBe(again);
  });

  it('adds an unknown machine in hostname order', () => {
    expect(applyTarget(targets, target('m0', 'aardvark')).map((t) => t.hostname)).toEqual(['aardvark', 'alpha', 'beta']);
  });
});

describe('liveSummary', () => {
  // A cast, not a full literal: the summary grows fields (convergence) that these rules do not read.
  const detail = (targets: DeploymentTarget[], status: DeploymentDetail['status'] = 'active', total = targets.length) =>
    ({
      id: 'd1',
      title: 'Tool 1.0',
      packageId: 'p1',
      packageName: 'Tool',
      version: '1.0',
      revision: 1,
      status,
      total,
      counts: {},
      targets,
    }) as Partial<DeploymentDetail> as DeploymentDetail;

  it('counts the targets and says finished once none is open', () => {
    const done = [target('m1', 'a', { state: 'success', final: true }), target('m2', 'b', { state: 'success', final: true })];
    expect(liveSummary(detail(done))).toMatchObject({ status: 'finished', counts: { success: 2 } });
    expect('targets' in liveSummary(detail(done))).toBe(false);
    const open = [done[0]!, target('m2', 'b', { state: 'running' })];
    expect(liveSummary(detail(open, 'stopped'))).toMatchObject({ status: 'active', counts: { success: 1, running: 1 } });
  });

  it('keeps a stopped deployment stopped', () => {
    expect(liveSummary(detail([target('m1', 'a', { state: 'cancelled', final: true })], 'stopped')).status).toBe('stopped');
  });

  it('trusts the server when it sent only some of the targets', () => {
    const partial = detail([target('m1', 'a', { state: 'success', final: true })], 'active', 1500);
    expect(liveSummary({ ...partial, counts: { scheduled: 1499, success: 1 } })).toMatchObject({
      status: 'active',
      counts: { scheduled: 1499 },
    });
  });
});

describe('mergeAudit', () => {
  it('appends live lines the fetch did not have, once', () => {
    const fetched = [line('m1', 1, 'a'), line('m1', 2, 'b')];
    const live = [line('m1', 2, 'b'), line('m1', 3, 'c')];
    expect(mergeAudit(fetched, live).map((l) => l.text)).toEqual(['a', 'b', 'c']);
    expect(mergeAudit(fetched, []).map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('keeps a line printed twice', () => {
    const fetched = [line('m1', 5, 'same')];
    const live = [line('m1', 5, 'same'), line('m1', 5, 'same')];
    expect(mergeAudit(fetched, live)).toHaveLength(2);
  });

  it('tells machines and attempts apart', () => {
    const fetched = [line('m1', 5, 'ok')];
    expect(mergeAudit(fetched, [line('m2', 5, 'ok'), line('m1', 5, 'ok', { attempt: 2 })])).toHaveLength(3);
  });
});

describe('capLines', () => {
  it('keeps the newest lines', () => {
    expect(capLines([line('m', 1, 'a'), line('m', 2, 'b'), line('m', 3, 'c')], 2).map((l) => l.text)).toEqual(['b', 'c']);
  });
});
