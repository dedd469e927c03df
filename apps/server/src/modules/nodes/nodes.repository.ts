import type { Kysely } from 'kysely';
import type { Database, NodesTable } from '../../platform/db/tables.js';

export class NodesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(node: NodesTable): Promise<void> {
    await this.db.insertInto('nodes').values(node).execute();
  }

  async heartbeat(id: string, at: number): Promise<void> {
    await this.db.updateTable('nodes').set({ heartbeat_at: at }).where('id', '=', id).execute();
  }

  async stopped(ids: string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('nodes').set({ stopped_at: at }).where('id', 'in', ids).where('stopped_at', 'is', null).execute();
  }

  /** Nodes that are not stopped but have not heartbeated since `before`. */
  async silentSince(before: number): Promise<NodesTable[]> {
    return this.db.selectFrom('nodes').selectAll().where('stopped_at', 'is', null).where('heartbeat_at', '<', before).execute();
  }

  /** Earlier runs of a node of this name that never said they stopped. */
  async earlierRuns(name: string, except: string): Promise<NodesTable[]> {
    return this.db
      .selectFrom('nodes')
      .selectAll()
      .where('name', '=', name)
      .where('id', '!=', except)
      .where('stopped_at', 'is', null)
      .execute();
  }

  list(): Promise<NodesTable[]> {
    return this.db.selectFrom('nodes').selectAll().orderBy('started_at', 'desc').limit(200).execute();
  }
}
