import { sql, type Kysely } from 'kysely';
import type { OfflineReason } from '@pons/protocol';
import { chunks as slices } from '../../platform/db/batches.js';
import type { Database, MachinesTable } from '../../platform/db/tables.js';

export type Facts = Pick<
  MachinesTable,
  'hostname' | 'platform' | 'os_name' | 'os_version' | 'arch' | 'ip_addresses' | 'mac_addresses' | 'agent_version'
>;

/**
 * A connection's presence. Connection ids sort by admission time, so the newest connection of a
 * machine always wins, whichever node holds it and in whatever order the nodes write.
 */
export type PresenceChange =
  | { kind: 'online'; machineId: string; nodeId: string; connectionId: string; at: number; facts: Facts }
  | { kind: 'offline'; machineId: string; connectionId: string; at: number; reason: OfflineReason; facts?: Facts; nodeId?: string };

const CHUNK = 400;
const chunks = <T>(items: readonly T[]) => slices(items, CHUNK);

export class PresenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async apply(changes: readonly PresenceChange[]): Promise<void> {
    const online = changes.filter((c) => c.kind === 'online');
    const offline = changes.filter((c) => c.kind === 'offline');
    for (const part of chunks(online)) await this.online(part);
    for (const change of offline) await this.offline(change);
  }

  /** Bulk: online unless a newer connection already holds the machine. */
  private async online(part: Array<Extract<PresenceChange, { kind: 'online' }>>): Promise<void> {
    const rows = sql.join(
      part.map(
        (c) =>
          sql`(${c.machineId}, ${c.nodeId}, ${c.connectionId}, CAST(${c.at} AS bigint), ${c.facts.hostname}, ${c.facts.platform}, ${c.facts.os_name}, ${c.facts.os_version}, ${c.facts.arch}, ${c.facts.ip_addresses}, ${c.facts.mac_addresses}, ${c.facts.agent_version})`,
      ),
    );
    await sql`
      WITH v(id, node_id, connection_id, at, hostname, platform, os_name, os_version, arch, ip_addresses, mac_addresses, agent_version) AS (VALUES ${rows})
      UPDATE machines
         SET status = 'online', status_since = v.at, offline_reason = NULL, last_seen_at = v.at,
             node_id = v.node_id, connection_id = v.connection_id,
             hostname = v.hostname, platform = v.platform, os_name = v.os_name, os_version = v.os_version,
             arch = v.arch, ip_addresses = v.ip_addresses, mac_addresses = v.mac_addresses, agent_version = v.agent_version
        FROM v
       WHERE machines.id = v.id AND (machines.connection_id IS NULL OR machines.connection_id <= v.connection_id)`.execute(this.db);
  }

  /**
   * Offline only if this connection still holds the machine. A connection that came and went
   * before its "online" was written carries its facts and takes the machine unless a newer one has.
   */
  private async offline(change: Extract<PresenceChange, { kind: 'offline' }>): Promise<void> {
    const base = { status: 'offline', status_since: change.at, offline_reason: change.reason, last_seen_at: change.at };
    if (change.facts && change.nodeId) {
      await this.db
        .updateTable('machines')
        .set({ ...base, ...change.facts, node_id: change.nodeId, connection_id: change.connectionId })
        .where('id', '=', change.machineId)
        .where((eb) => eb.or([eb('connection_id', 'is', null), eb('connection_id', '<=', change.connectionId)]))
        .execute();
      return;
    }
    await this.db
      .updateTable('machines')
      .set(base)
      .where('id', '=', change.machineId)
      .where('connection_id', '=', change.connectionId)
      .execute();
  }

  /** Machines some nodes held when they died or stopped, now offline with `reason`. */
  async releaseNodes(nodeIds: readonly string[], reason: OfflineReason, at: number, includeUnowned = false): Promise<string[]> {
    if (nodeIds.length === 0 && !includeUnowned) return [];
    const rows = await this.db
      .updateTable('machines')
      .set({ status: 'offline', status_since: at, offline_reason: reason })
      .where('status', '=', 'online')
      .where((eb) =>
        eb.or([eb('node_id', 'in', nodeIds.length > 0 ? [...nodeIds] : ['']), ...(includeUnowned ? [eb('node_id', 'is', null)] : [])]),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
