import type { Kysely } from 'kysely';
import type { Database, MachineGroupsTable } from '../../platform/db/tables.js';
import type { EntityScope } from '../../platform/http/access.js';

export type GroupRow = MachineGroupsTable & { entity_name: string; members: number };

export class GroupsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private groups(scope: EntityScope) {
    let q = this.db
      .selectFrom('machine_groups as g')
      .innerJoin('entities as e', 'e.id', 'g.entity_id')
      .selectAll('g')
      .select('e.name as entity_name')
      .select((eb) =>
        eb
          .selectFrom('machine_group_members as m')
          .whereRef('m.group_id', '=', 'g.id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('members'),
      );
    if (scope !== 'all') q = q.where('g.entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    return q;
  }

  async list(scope: EntityScope): Promise<GroupRow[]> {
    const rows = await this.groups(scope).orderBy('g.name').limit(1000).execute();
    return rows.map((r) => ({ ...r, members: Number(r.members ?? 0) }));
  }

  async find(ref: string, scope: EntityScope): Promise<GroupRow[]> {
    const rows = await this.groups(scope)
      .where((eb) => eb.or([eb('g.id', '=', ref), eb('g.name', '=', ref)]))
      .limit(10)
      .execute();
    return rows.map((r) => ({ ...r, members: Number(r.members ?? 0) }));
  }

  async insert(row: MachineGroupsTable): Promise<void> {
    await this.db.insertInto('machine_groups').values(row).execute();
  }

  async addMembers(groupId: string, machineIds: string[], now: number): Promise<void> {
    for (let i = 0; i < machineIds.length; i += 500) {
      await this.db
        .insertInto('machine_group_members')
        .values(machineIds.slice(i, i + 500).map((machine_id) => ({ group_id: groupId, machine_id, added_at: now })))
        .onConflict((oc) => oc.columns(['group_id', 'machine_id']).doNothing())
        .execute();
    }
  }

  async removeMembers(groupId: string, machineIds: string[]): Promise<void> {
    if (machineIds.length === 0) return;
    await this.db.deleteFrom('machine_group_members').where('group_id', '=', groupId).where('machine_id', 'in', machineIds).execute();
  }

  members(groupId: string) {
    return this.db
      .selectFrom('machine_group_members as gm')
      .innerJoin('machines as m', 'm.id', 'gm.machine_id')
      .select(['m.id as id', 'm.hostname as hostname', 'm.status as status'])
      .where('gm.group_id', '=', groupId)
      .orderBy('m.hostname')
      .execute();
  }

  async remove(groupId: string): Promise<void> {
    await this.db.deleteFrom('machine_groups').where('id', '=', groupId).execute();
  }
}
