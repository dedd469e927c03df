import type { Kysely } from 'kysely';
import type { Database, DeploymentAuditTable, DeploymentsTable, DeploymentTargetsTable } from '../../platform/db/tables.js';
import type { EntityScope } from '../../platform/http/access.js';

export type DeploymentRow = DeploymentsTable & { package_name: string; version: string; entity_id: string };
export type TargetRow = DeploymentTargetsTable & { hostname: string };
export type DueRow = DeploymentTargetsTable & {
  machine_status: string;
  mac_addresses: string;
  d_status: string;
  start_at: number;
  end_at: number;
  windows: string | null;
  wake_on_lan: number;
  max_concurrent: number | null;
};
export interface TargetKey {
  deploymentId: string;
  machineId: string;
  attempt: number;
  state: string;
}

const ACTIVE = ['starting', 'transferring', 'running', 'waiting-reboot'];
const WAITING = ['scheduled', 'wol-1', 'wol-2', 'wol-3', 'waiting-machine'];

export class DeploymentsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(deployment: DeploymentsTable, targets: DeploymentTargetsTable[], audit: DeploymentAuditTable[]): Promise<void> {
    await this.db.insertInto('deployments').values(deployment).execute();
    await this.insertTargets(targets);
    await this.insertAudit(audit);
  }

  async insertTargets(targets: DeploymentTargetsTable[]): Promise<void> {
    for (let i = 0; i < targets.length; i += 500) {
      await this.db
        .insertInto('deployment_targets')
        .values(targets.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['deployment_id', 'machine_id']).doNothing())
        .execute();
    }
  }

  /** Converging deployments whose last look is older than `everyMs`. */
  convergingDue(now: number, everyMs: number): Promise<DeploymentsTable[]> {
    return this.db
      .selectFrom('deployments')
      .selectAll()
      .where('converge', '=', 1)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('converged_at', 'is', null), eb('converged_at', '<=', now - everyMs)]))
      .orderBy('converged_at')
      .limit(20)
      .execute();
  }

  async markConverged(id: string, now: number): Promise<void> {
    await this.db.updateTable('deployments').set({ converged_at: now }).where('id', '=', id).execute();
  }

  async targetMachineIds(deploymentId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('deployment_targets').select('machine_id').where('deployment_id', '=', deploymentId).execute();
    return new Set(rows.map((r) => r.machine_id));
  }

  /** Targets that succeeded, on machines online now, with their platform: the ones a package check can look at. */
  succeededOnline(deploymentId: string): Promise<Array<DeploymentTargetsTable & { platform: string }>> {
    return this.db
      .selectFrom('deployment_targets as t')
      .innerJoin('machines as m', 'm.id', 't.machine_id')
      .selectAll('t')
      .select('m.platform as platform')
      .where('t.deployment_id', '=', deploymentId)
      .where('t.state', '=', 'success')
      .where('m.status', '=', 'online')
      .execute();
  }

  checkingFor(commandId: string): Promise<DeploymentTargetsTable[]> {
    return this.db
      .selectFrom('deployment_targets')
      .selectAll()
      .where('command_id', '=', commandId)
      .where('state', '=', 'success')
      .execute();
  }

  async insertAudit(rows: DeploymentAuditTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insertInto('deployment_audit')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  private deployments(scope: EntityScope) {
    let q = this.db
      .selectFrom('deployments as d')
      .innerJoin('packages as p', 'p.id', 'd.package_id')
      .innerJoin('package_versions as v', (join) => join.onRef('v.package_id', '=', 'd.package_id').onRef('v.revision', '=', 'd.revision'))
      .selectAll('d')
      .select(['p.name as package_name', 'v.version as version', 'p.entity_id as entity_id']);
    if (scope !== 'all') q = q.where('p.entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    return q;
  }

  find(id: string, scope: EntityScope): Promise<DeploymentRow | undefined> {
    return this.deployments(scope).where('d.id', '=', id).executeTakeFirst();
  }

  async list(scope: EntityScope, limit: number, offset: number): Promise<{ rows: DeploymentRow[]; total: number }> {
    const rows = await this.deployments(scope).orderBy('d.created_at', 'desc').limit(limit).offset(offset).execute();
    let count = this.db
      .selectFrom('deployments as d')
      .innerJoin('packages as p', 'p.id', 'd.package_id')
      .select((eb) => eb.fn.countAll<number>().as('n'));
    if (scope !== 'all') count = count.where('p.entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    return { rows, total: Number((await count.executeTakeFirstOrThrow()).n) };
  }

  async counts(deploymentIds: string[]): Promise<Map<string, Record<string, number>>> {
    const counts = new Map<string, Record<string, number>>(deploymentIds.map((id) => [id, {}]));
    if (deploymentIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('deployment_targets')
      .select(['deployment_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deployment_id', 'in', deploymentIds)
      .groupBy(['deployment_id', 'state'])
      .execute();
    for (const row of rows) counts.get(row.deployment_id)![row.state] = Number(row.n);
    return counts;
  }

  private targetsQuery() {
    return this.db
      .selectFrom('deployment_targets as t')
      .innerJoin('machines as m', 'm.id', 't.machine_id')
      .selectAll('t')
      .select('m.hostname as hostname');
  }

  targets(deploymentId: string, limit: number, offset: number): Promise<TargetRow[]> {
    return this.targetsQuery().where('t.deployment_id', '=', deploymentId).orderBy('m.hostname').limit(limit).offset(offset).execute();
  }

  target(deploymentId: string, machineId: string): Promise<TargetRow | undefined> {
    return this.targetsQuery().where('t.deployment_id', '=', deploymentId).where('t.machine_id', '=', machineId).executeTakeFirst();
  }

  /** Targets whose deadline has come, with what the scheduler needs to move them. */
  due(now: number, limit: number): Promise<DueRow[]> {
    return this.db
      .selectFrom('deployment_targets as t')
      .innerJoin('machines as m', 'm.id', 't.machine_id')
      .innerJoin('deployments as d', 'd.id', 't.deployment_id')
      .selectAll('t')
      .select([
        'm.status as machine_status',
        'm.mac_addresses as mac_addresses',
        'd.status as d_status',
        'd.start_at as start_at',
        'd.end_at as end_at',
        'd.windows as windows',
        'd.wake_on_lan as wake_on_lan',
        'd.max_concurrent as max_concurrent',
      ])
      .where('t.deadline_at', 'is not', null)
      .where('t.deadline_at', '<=', now)
      .orderBy('t.deadline_at')
      .limit(limit)
      .execute();
  }

  async activeCounts(deploymentIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(deploymentIds.map((id) => [id, 0]));
    if (deploymentIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('deployment_targets')
      .select(['deployment_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deployment_id', 'in', deploymentIds)
      .where('state', 'in', ACTIVE)
      .groupBy('deployment_id')
      .execute();
    for (const row of rows) counts.set(row.deployment_id, Number(row.n));
    return counts;
  }

  /**
   * Moves a target from the state it was read in; false when something else moved it first
   * (another node's scheduler, an agent report, a user), and nothing is written then.
   */
  async transition(key: TargetKey, set: Partial<DeploymentTargetsTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('deployment_targets')
      .set(set)
      .where('deployment_id', '=', key.deploymentId)
      .where('machine_id', '=', key.machineId)
      .where('attempt', '=', key.attempt)
      .where('state', '=', key.state)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Makes the targets of a deployment waiting for a free slot due now (one just ended). */
  async wakeSlotWaiters(deploymentId: string, now: number): Promise<void> {
    await this.db
      .updateTable('deployment_targets')
      .set({ deadline_at: now })
      .where('deployment_id', '=', deploymentId)
      .where('state', '=', 'scheduled')
      .where('deadline_at', '>', now)
      .execute();
  }

  /** Makes the waiting targets of machines that came online due now. */
  async wakeWaiting(machineIds: string[], now: number): Promise<void> {
    if (machineIds.length === 0) return;
    await this.db
      .updateTable('deployment_targets')
      .set({ deadline_at: now })
      .where('machine_id', 'in', machineIds)
      .where('state', 'in', WAITING)
      .execute();
  }

  /**
   * Gives the running targets of machines that went offline the grace time to come back: their
   * deadline becomes the end of the grace (a step's own long limit no longer counts while the
   * machine is away); the agent's first report after it returns sets the next one.
   */
  async graceLost(machineIds: string[], until: number): Promise<void> {
    if (machineIds.length === 0) return;
    await this.db
      .updateTable('deployment_targets')
      .set({ deadline_at: until })
      .where('machine_id', 'in', machineIds)
      .where('state', 'in', ['starting', 'transferring', 'running'])
      .execute();
  }

  startingFor(commandId: string): Promise<DeploymentTargetsTable[]> {
    return this.db
      .selectFrom('deployment_targets')
      .selectAll()
      .where('command_id', '=', commandId)
      .where('state', '=', 'starting')
      .execute();
  }

  openTargets(deploymentId: string, machineIds: string[] | null): Promise<DeploymentTargetsTable[]> {
    let q = this.db
      .selectFrom('deployment_targets')
      .selectAll()
      .where('deployment_id', '=', deploymentId)
      .where('deadline_at', 'is not', null);
    if (machineIds) q = q.where('machine_id', 'in', machineIds.length > 0 ? machineIds : ['']);
    return q.execute();
  }

  endedTargets(deploymentId: string, machineIds: string[] | null): Promise<DeploymentTargetsTable[]> {
    let q = this.db.selectFrom('deployment_targets').selectAll().where('deployment_id', '=', deploymentId).where('deadline_at', 'is', null);
    if (machineIds) q = q.where('machine_id', 'in', machineIds.length > 0 ? machineIds : ['']);
    return q.execute();
  }

  async extendEnd(id: string, endAt: number): Promise<void> {
    await this.db.updateTable('deployments').set({ end_at: endAt }).where('id', '=', id).execute();
  }

  async setStatus(id: string, status: string): Promise<void> {
    await this.db.updateTable('deployments').set({ status }).where('id', '=', id).execute();
  }

  audit(
    deploymentId: string,
    machineId: string | null,
    attempt: number | null,
    limit: number,
    offset: number,
  ): Promise<DeploymentAuditTable[]> {
    let q = this.db.selectFrom('deployment_audit').selectAll().where('deployment_id', '=', deploymentId);
    if (machineId) q = q.where('machine_id', '=', machineId);
    if (attempt) q = q.where('attempt', '=', attempt);
    return q.orderBy('at').orderBy('seq').limit(limit).offset(offset).execute();
  }
}
