import { randomBytes } from 'node:crypto';
import type { AuditLogEntry, AuditLogPage, AuditLogQuery } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { AuditLogTable } from '../../platform/db/tables.js';
import type { Principal } from '../../platform/http/access.js';
import type { AuditRecord, AuditSink } from '../../platform/http/audit-hook.js';
import type { EntityTree } from '../identity/index.js';
import { AuditRepository, type AuditFilter } from './audit.repository.js';

const EXPORT_BATCH = 1_000;

/** Ids sort by time: the millisecond in base 36, then randomness for lines of the same millisecond. */
export function auditId(at: number): string {
  return `${at.toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;
}

export function toEntry(row: AuditLogTable): AuditLogEntry {
  return {
    id: row.id,
    at: Number(row.at),
    actor: row.actor,
    actorId: row.actor_id,
    address: row.address,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    objectName: row.object_name,
    entityId: row.entity_id,
    outcome: row.outcome === 'failure' ? 'failure' : 'success',
    errorCode: row.error_code,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  };
}

/**
 * The audit log: who did what, when, from where, on which object, and how it ended. A user reads
 * the lines of the entities where they hold `history`; lines about no entity (logins, users,
 * settings) only with `admin` on the root entity, and always their own.
 */
export class AuditLog implements AuditSink {
  private readonly repo: AuditRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly entities: () => Promise<EntityTree>,
  ) {
    this.repo = new AuditRepository(db);
  }

  async record(entry: AuditRecord): Promise<void> {
    const at = this.clock.now();
    await this.repo.insert({
      id: auditId(at),
      at,
      actor: entry.actor,
      actor_id: entry.actorId,
      address: entry.address,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      object_name: entry.objectName,
      entity_id: entry.entityId,
      outcome: entry.outcome,
      error_code: entry.errorCode,
      details: entry.details ? JSON.stringify(entry.details) : null,
    });
  }

  async page(principal: Principal, query: AuditLogQuery): Promise<AuditLogPage> {
    const limit = query.limit ?? 100;
    const rows = await this.repo.page({ ...(await this.filterFor(principal, query)), before: query.before }, limit);
    return { items: rows.map(toEntry), next: rows.length === limit ? rows[rows.length - 1]!.id : null };
  }

  /** Every matching line, newest first, read in batches so that a large export holds little memory. */
  async *all(principal: Principal, query: Omit<AuditLogQuery, 'before' | 'limit'>): AsyncGenerator<AuditLogEntry> {
    const filter = await this.filterFor(principal, query);
    let before: string | undefined;
    for (;;) {
      const rows = await this.repo.page({ ...filter, before }, EXPORT_BATCH);
      for (const row of rows) yield toEntry(row);
      if (rows.length < EXPORT_BATCH) return;
      before = rows[rows.length - 1]!.id;
    }
  }

  prune(olderThan: number): Promise<number> {
    return this.repo.deleteOlderThan(olderThan);
  }

  private async filterFor(principal: Principal, query: Omit<AuditLogQuery, 'before' | 'limit'>): Promise<AuditFilter> {
    const scope = principal.scope('history', 'ro');
    const admin = principal.scope('admin', 'ro');
    const tree = await this.entities();
    return {
      entityIds: scope === 'all' ? null : [...scope],
      global: admin === 'all' || admin.has('root'),
      viewerId: principal.userId,
      q: query.q,
      action: query.action,
      actor: query.actor,
      outcome: query.outcome,
      objectId: query.objectId,
      onlyEntities: query.entity ? tree.subtree(tree.resolve(query.entity).id) : undefined,
      from: query.from,
      to: query.to,
    };
  }
}
