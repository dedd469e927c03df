import type { Kysely } from 'kysely';
import type { MachineListQuery } from '@pons/protocol';
import { chunks as slices, turn } from '../../platform/db/batches.js';
import { paddedKeys } from '../../platform/db/key-batcher.js';
import type { EntityScope } from '../../platform/http/access.js';
import type { Database, MachinesTable } from '../../platform/db/tables.js';

export type MachineRow = MachinesTable & { entity_name: string };
export type Credentials = Pick<MachinesTable, 'public_key' | 'inventory_at'>;

const CHUNK = 500;
const chunks = <T>(items: readonly T[]) => slices(items, CHUNK);

/** All SQL on the machines table. Takes a Kysely instance or a transaction. */
export class MachinesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('machines')
      .innerJoin('entities', 'entities.id', 'machines.entity_id')
      .selectAll('machines')
      .select('entities.name as entity_name');
  }

  findById(id: string): Promise<MachineRow | undefined> {
    return this.base().where('machines.id', '=', id).executeTakeFirst();
  }

  findByIdentityKey(key: string): Promise<MachinesTable | undefined> {
    return this.db.selectFrom('machines').selectAll().where('identity_key', '=', key).executeTakeFirst();
  }

  /** What a hello needs of each machine, by id: its key, and whether it ever sent an inventory. */
  async credentialsOf(ids: string[]): Promise<Map<string, Credentials>> {
    const rows = await this.db
      .selectFrom('machines')
      .select(['id', 'public_key', 'inventory_at'])
      .where('id', 'in', paddedKeys(ids))
      .execute();
    return new Map(rows.map((r) => [r.id, { public_key: r.public_key, inventory_at: r.inventory_at }]));
  }

  async insert(row: MachinesTable): Promise<void> {
    await this.db.insertInto('machines').values(row).execute();
  }

  async moveToEntity(ids: string[], entityId: string): Promise<void> {
    await this.db.updateTable('machines').set({ entity_id: entityId }).where('id', 'in', ids).execute();
  }

  async update(id: string, fields: Partial<MachinesTable>): Promise<void> {
    await this.db.updateTable('machines').set(fields).where('id', '=', id).execute();
  }

  /**
   * Last-seen times of every connected machine, once per ping interval: in small statements with a
   * turn of the event loop before each, as one burst over thousands of rows held every socket of
   * the process for a fifth of a second.
   */
  async touchLastSeen(ids: string[], at: number): Promise<void> {
    for (const part of slices(ids, 200)) {
      await turn();
      await this.db.updateTable('machines').set({ last_seen_at: at }).where('id', 'in', part).execute();
    }
  }

  async byIds(ids: string[]): Promise<MachineRow[]> {
    const out: MachineRow[] = [];
    for (const part of chunks(ids)) out.push(...(await this.base().where('machines.id', 'in', part).execute()));
    return out;
  }

  /** What routing a command needs of each machine, and no more (a command may name thousands). */
  async targetsByIds(ids: string[]): Promise<Array<{ id: string; status: string; node_id: string | null; entity_id: string }>> {
    const out: Array<{ id: string; status: string; node_id: string | null; entity_id: string }> = [];
    for (const part of chunks(ids))
      out.push(
        ...(await this.db.selectFrom('machines').select(['id', 'status', 'node_id', 'entity_id']).where('id', 'in', part).execute()),
      );
    return out;
  }

  private filtered(query: MachineListQuery & { entityIds?: string[] }, scope: EntityScope) {
    let q = this.db.selectFrom('machines');
    if (scope !== 'all') q = q.where('machines.entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    if (query.entityIds) q = q.where('machines.entity_id', 'in', query.entityIds);
    if (query.q) {
      // Wildcards are dropped rather than escaped: LIKE escaping differs between SQLite and PostgreSQL.
      const like = `%${query.q.toLowerCase().replace(/[%_\\]/g, '')}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['machines.hostname']), 'like', like),
          eb('machines.ip_addresses', 'like', like),
          eb('machines.mac_addresses', 'like', like),
          eb('machines.id', '=', query.q!),
        ]),
      );
    }
    return q;
  }

  async list(
    query: MachineListQuery & { entityIds?: string[] },
    scope: EntityScope,
  ): Promise<{ rows: MachineRow[]; total: number; online: number; offline: number }> {
    const counts = await this.filtered(query, scope)
      .select(['machines.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('machines.status')
      .execute();
    const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
    let rowsQuery = this.filtered(query, scope)
      .innerJoin('entities', 'entities.id', 'machines.entity_id')
      .selectAll('machines')
      .select('entities.name as entity_name');
    if (query.status) rowsQuery = rowsQuery.where('machines.status', '=', query.status);
    const rows = await rowsQuery
      .orderBy('machines.hostname')
      .orderBy('machines.id')
      .limit(query.limit ?? 200)
      .offset(query.offset ?? 0)
      .execute();
    const online = count('online');
    const offline = count('offline');
    return { rows, total: query.status === 'online' ? online : query.status === 'offline' ? offline : online + offline, online, offline };
  }

  /** Ids and status of every machine in scope (and in these entities, when given). */
  async targets(scope: EntityScope, entityIds?: string[]): Promise<Array<{ id: string; status: string; node_id: string | null }>> {
    let q = this.db.selectFrom('machines').select(['id', 'status', 'node_id']);
    if (scope !== 'all') q = q.where('entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    if (entityIds) q = q.where('entity_id', 'in', entityIds);
    return q.execute();
  }

  async nodeName(nodeId: string): Promise<string | null> {
    const row = await this.db.selectFrom('nodes').select('name').where('id', '=', nodeId).executeTakeFirst();
    return row?.name ?? null;
  }

  findByHostname(hostname: string, scope: EntityScope): Promise<MachineRow[]> {
    let q = this.base().where((eb) => eb(eb.fn('lower', ['machines.hostname']), '=', hostname.toLowerCase()));
    if (scope !== 'all') q = q.where('machines.entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    return q.limit(10).execute();
  }
}
