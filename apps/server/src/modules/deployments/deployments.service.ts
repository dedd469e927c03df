import { randomUUID } from 'node:crypto';
import {
  activeStates,
  parseWindows,
  type AuditLine,
  type AuditQuery,
  type CreateDeploymentRequest,
  type DeploymentDetail,
  type DeploymentList,
  type DeploymentSummary,
  type DeploymentTarget,
  type PackageDescriptor,
  type TargetState,
} from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { DownloadTokens } from '../../platform/crypto/download-tokens.js';
import type { Db } from '../../platform/db/database.js';
import type { DeploymentTargetsTable } from '../../platform/db/tables.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityScope, Principal } from '../../platform/http/access.js';
import type { Logger } from '../../platform/logger.js';
import type { CommandsService } from '../commands/index.js';
import type { GroupsService } from '../groups/index.js';
import type { EntityTree } from '../identity/index.js';
import type { MachinesService } from '../machines/index.js';
import type { PackagesService } from '../packages/index.js';
import { freshAttempt, presentAudit, presentDeployment, presentTarget, scheduledLine } from './deployment-mapper.js';
import { DeploymentsRepository, type DeploymentRow } from './deployments.repository.js';
import type { TargetMover } from './target-mover.js';

const DAY = 86_400_000;
const FOREVER = 100 * 365 * DAY;

/** Deployments as users see them: create, follow, stop, restart. The scheduler moves them on. */
export class DeploymentsService {
  private readonly repo: DeploymentsRepository;
  private readonly descriptors = new Map<
    string,
    { descriptor: PackageDescriptor; digest: string; title: string; createdBy: string; endAt: number; maxBytesPerSecond: number | null }
  >();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly packages: PackagesService,
    private readonly machines: MachinesService,
    private readonly commands: CommandsService,
    private readonly mover: TargetMover,
    private readonly tokens: DownloadTokens,
    private readonly entities: () => Promise<EntityTree>,
    private readonly groups: GroupsService,
    private readonly poke: () => void,
    private readonly log: Logger,
  ) {
    this.repo = new DeploymentsRepository(db);
  }

  async create(principal: Principal, request: CreateDeploymentRequest): Promise<DeploymentSummary> {
    const { pkg, revision } = await this.packages.submittedRevision(principal, request.package, request.revision);
    const windows = request.windows?.trim() || null;
    if (windows) {
      const parsed = parseWindows(windows);
      if (typeof parsed === 'string') throw new PonsError('PONS_E_VALIDATION', `Deployment windows: ${parsed}`);
    }
    const now = this.clock.now();
    const converge = request.converge === true;
    if (converge && !request.targets.entity && !request.targets.all && !request.targets.group) {
      throw new PonsError('PONS_E_VALIDATION', 'A converging deployment follows a group, an entity or all machines, not a fixed list.');
    }
    const group = request.targets.group ? await this.groups.find(principal.scope('deployment', 'rw'), request.targets.group) : null;
    const entityId = request.targets.entity ? (await this.entities()).resolve(request.targets.entity).id : null;
    const startAt = request.startAt ?? now;
    // Convergence never ends unless told to (Medulla's convergence neither).
    const endAt = request.endAt ?? startAt + (converge ? FOREVER : DAY);
    if (endAt <= startAt) throw new PonsError('PONS_E_VALIDATION', 'The deployment must end after it starts.');
    if (endAt <= now) throw new PonsError('PONS_E_VALIDATION', 'The deployment would end before now; give a later end.');
    const { group: _group, ...others } = request.targets;
    const machines = group
      ? await this.groupMachines(principal, group.id)
      : await this.machines.resolveTargets(principal.scope('deployment', 'rw'), others);
    // A converging deployment may start empty: the machines that join get it.
    if (machines.length === 0 && !converge) {
      throw new PonsError('PONS_E_MACHINE_NOT_FOUND', 'The deployment has no target machine you may deploy to.');
    }
    const id = randomUUID();
    const retries = request.retries ?? 0;
    const version = await this.packages.version(principal, pkg.id, revision);
    const title = request.title ?? `${pkg.name} ${version.version}`;
    const targets: DeploymentTargetsTable[] = machines.map((m) => ({
      deployment_id: id,
      machine_id: m.id,
      attempt: 1,
      ...freshAttempt(now, `Scheduled by ${principal.username}.`, retries),
    }));
    const audit = targets.map((t) => scheduledLine(t, now, `${title}, by ${principal.username}.`));
    await this.db.transaction().execute((trx) =>
      new DeploymentsRepository(trx).insert(
        {
          id,
          title,
          package_id: pkg.id,
          revision,
          created_by: principal.username,
          created_at: now,
          start_at: startAt,
          end_at: endAt,
          windows,
          wake_on_lan: request.wakeOnLan ? 1 : 0,
          max_concurrent: request.maxConcurrent ?? null,
          max_bytes_per_second: request.maxBytesPerSecond ?? null,
          retries,
          status: 'active',
          converge: converge ? 1 : 0,
          target_entity_id: entityId,
          target_all: request.targets.all ? 1 : 0,
          converged_at: converge ? now : null,
          target_group_id: group?.id ?? null,
        },
        targets,
        audit,
      ),
    );
    this.log.info({ deploymentId: id, package: pkg.name, revision, targets: targets.length, by: principal.username }, 'deployment created');
    this.poke();
    return this.summary(principal, id);
  }

  async list(principal: Principal, limit: number, offset: number): Promise<DeploymentList> {
    const { rows, total } = await this.repo.list(principal.scope('deployment', 'ro'), limit, offset);
    const counts = await this.repo.counts(rows.map((r) => r.id));
    return { items: rows.map((r) => presentDeployment(r, counts.get(r.id) ?? {})), total };
  }

  async summary(principal: Principal, id: string): Promise<DeploymentSummary> {
    const row = await this.find(principal.scope('deployment', 'ro'), id);
    return presentDeployment(row, (await this.repo.counts([id])).get(id) ?? {});
  }

  async detail(principal: Principal, id: string): Promise<DeploymentDetail> {
    const summary = await this.summary(principal, id);
    return { ...summary, targets: (await this.repo.targets(id, 1000, 0)).map(presentTarget) };
  }

  async targets(principal: Principal, id: string, limit: number, offset: number): Promise<DeploymentTarget[]> {
    await this.find(principal.scope('deployment', 'ro'), id);
    return (await this.repo.targets(id, limit, offset)).map(presentTarget);
  }

  async audit(principal: Principal, id: string, query: AuditQuery): Promise<AuditLine[]> {
    await this.find(principal.scope('deployment', 'ro'), id);
    const machineId = query.machine ? (await this.machines.find(principal.scope('deployment', 'ro'), query.machine)).id : null;
    return (await this.repo.audit(id, machineId, query.attempt ?? null, query.limit ?? 1000, query.offset ?? 0)).map(presentAudit);
  }

  /** Stops the open targets (all, or the machines given): cancelled at once, running jobs killed on the machines. */
  async stop(principal: Principal, id: string, machineRefs?: string[]): Promise<DeploymentSummary> {
    const deployment = await this.find(principal.scope('deployment', 'rw'), id);
    const machineIds = machineRefs ? await this.machineIds(principal.scope('deployment', 'rw'), machineRefs) : null;
    const open = await this.repo.openTargets(id, machineIds);
    const cancel = new Map<number, string[]>();
    for (const target of open) {
      const moved = await this.mover.move(target, { state: 'cancelled', deadline: null, message: `Stopped by ${principal.username}.` });
      if (moved && activeStates.includes(target.state as TargetState))
        cancel.set(target.attempt, [...(cancel.get(target.attempt) ?? []), target.machine_id]);
    }
    for (const [attempt, machines] of cancel) {
      await this.commands.issue(principal.username, 'deploy.cancel', { deploymentId: id, attempt }, machines, 10 * 60_000);
    }
    if (!machineIds) await this.repo.setStatus(id, 'stopped');
    this.log.info(
      { deploymentId: id, stopped: open.length, killed: [...cancel.values()].flat().length, by: principal.username },
      'deployment stopped',
    );
    return this.summary(principal, deployment.id);
  }

  /** A new attempt for the ended targets (all but successes, or the machines given); the history stays. */
  async restart(principal: Principal, id: string, machineRefs?: string[]): Promise<DeploymentSummary> {
    const deployment = await this.find(principal.scope('deployment', 'rw'), id);
    const machineIds = machineRefs ? await this.machineIds(principal.scope('deployment', 'rw'), machineRefs) : null;
    const ended = (await this.repo.endedTargets(id, machineIds)).filter((t) => machineIds !== null || t.state !== 'success');
    const now = this.clock.now();
    if (deployment.end_at <= now) {
      this.descriptors.delete(id);
      // A restart after the end would end at once: it gets a day from now, as a new deployment would.
      await this.repo.extendEnd(id, now + DAY);
    }
    await this.repo.setStatus(id, 'active');
    for (const target of ended) await this.mover.again(target, `Restarted by ${principal.username}.`, deployment.retries);
    this.poke();
    return this.summary(principal, id);
  }

  /** What the scheduler sends a machine, cached: a submitted version never changes. */
  async job(deploymentId: string) {
    let job = this.descriptors.get(deploymentId);
    if (!job) {
      const row = await this.repo.find(deploymentId, 'all');
      if (!row) throw new PonsError('PONS_E_DEPLOYMENT_NOT_FOUND', `Deployment ${deploymentId} no longer exists.`);
      const submitted = await this.packages.submittedDescriptor(row.package_id, row.revision);
      if (!submitted) throw new PonsError('PONS_E_PACKAGE_NOT_SUBMITTED', `The package version of deployment ${row.title} is gone.`);
      job = { ...submitted, title: row.title, createdBy: row.created_by, endAt: row.end_at, maxBytesPerSecond: row.max_bytes_per_second };
      if (this.descriptors.size > 256) this.descriptors.clear();
      this.descriptors.set(deploymentId, job);
    }
    return {
      deploymentId,
      title: job.title,
      digest: job.digest,
      descriptor: job.descriptor,
      createdBy: job.createdBy,
      endAt: job.endAt,
      ...(job.maxBytesPerSecond ? { maxBytesPerSecond: job.maxBytesPerSecond } : {}),
    };
  }

  /** A file an agent may download with its token: one of its deployment's files. */
  async agentFile(authorization: string | undefined, sha256: string): Promise<{ path: string; size: number; sha256: string }> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const grant = this.tokens.verify(token, this.clock.now());
    if (!grant) throw new PonsError('PONS_E_UNAUTHENTICATED', 'The download token is missing, altered or expired.');
    const file = (await this.job(grant.deploymentId)).descriptor.files.find((f) => f.sha256 === sha256);
    if (!file) throw new PonsError('PONS_E_FILE_NOT_FOUND', `Deployment ${grant.deploymentId} has no file ${sha256}.`);
    if ((await this.packages.blobSize(sha256)) === null) {
      // Said at once (404), rather than failing a stream the agent would keep retrying.
      throw new PonsError('PONS_E_FILE_NOT_FOUND', `The server's file store no longer holds ${file.name} (${sha256}).`);
    }
    return { path: this.packages.blobPath(sha256), size: file.size, sha256 };
  }

  private async groupMachines(principal: Principal, groupId: string) {
    const ids = await this.groups.memberIds(groupId);
    return ids.length === 0 ? [] : this.machines.resolveTargets(principal.scope('deployment', 'rw'), { machines: ids });
  }

  private async machineIds(scope: EntityScope, refs: string[]): Promise<string[]> {
    return (await this.machines.resolveTargets(scope, { machines: refs })).map((m) => m.id);
  }

  private async find(scope: EntityScope, id: string): Promise<DeploymentRow> {
    const row = await this.repo.find(id, scope);
    if (!row) throw new PonsError('PONS_E_DEPLOYMENT_NOT_FOUND', `No deployment ${id} that you may see.`);
    return row;
  }
}
