import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AuditLogTable } from '../../platform/db/tables.js';

export interface AuditFilter {
  /** null: every line; otherwise lines of these entities, plus global lines when `global`, plus the viewer's own. */
  entityIds: string[] | null;
  global: boolean;
  viewerId: string;
  q?: string;
  action?: string;
  actor?: string;
  outcome?: string;
  objectId?: string;
  onlyEntities?: string[];
  from?: number;
  to?: number;
  before?: string;
}

/** All SQL of the audit log, which only ever grows (and is pruned by age). */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async insert(row: AuditLogTable): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  page(filter: AuditFilter, limit: number): Promise<AuditLogTable[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.entityIds) {
      const ids = filter.entityIds;
      query = query.where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb('entity_id', 'in', ids)] : []),
          ...(filter.global ? [eb('entity_id', 'is', null)] : []),
          eb('actor_id', '=', filter.viewerId),
        ]),
      );
    }
    if (filter.onlyEntities) query = query.where('entity_id', 'in', filter.onlyEntities.length > 0 ? filter.onlyEntities : ['']);
    if (filter.action) {
      query = filter.action.endsWith('.')
        ? query.where(sql<boolean>`action like ${`${escapeLike(filter.action)}%`} escape '\\'`)
        : query.where('action', '=', filter.action);
    }
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    if (filter.objectId) query = query.where('object_id', '=', filter.objectId);
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
    if (filter.before) query = query.where('id', '<', filter.before);
    if (filter.q) {
      const like = `%${escapeLike(filter.q.toLowerCase())}%`;
      const columns = ['actor', 'action', 'object_id', 'object_name', 'address', 'details'].map(
        (column) => sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`,
      );
      query = query.where((eb) => eb.or(columns));
    }
    return query.orderBy('id', 'desc').limit(limit).execute();
  }

  async deleteOlderThan(at: number): Promise<number> {
    const result = await this.db.deleteFrom('audit_log').where('at', '<', at).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, (c) => `\\${c}`);
}
