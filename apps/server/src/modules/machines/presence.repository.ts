import type { Kysely } from 'kysely';
import type { OfflineReason } from '@pons/protocol';
import { chunks as slices } from '../../platform/db/batches.js';
import { valuesStatement } from '../../platform/db/bulk-values.js';
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
type Online = Extract<PresenceChange, { kind: 'online' }>;
type Offline = Extract<PresenceChange, { kind: 'offline' }>;

/** Of several connections of one machine in a batch, the newest: an UPDATE ... FROM takes any one match. */
function newestPerMachine<T extends PresenceChange>(changes: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const c of changes) {
    const held = newest.get(c.machineId);
    if (!held || held.connectionId < c.connectionId) newest.set(c.machineId, c);
  }
  return [...newest.values()];
}

export class PresenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Online changes first, then offline ones: each is guarded by the connection it belongs to. */
  async apply(changes: readonly PresenceChange[]): Promise<void> {
    const online = newestPerMachine(changes.filter((c): c is Online => c.kind === 'online'));
    const offline = changes.filter((c): c is Offline => c.kind === 'offline');
    const cameAndWent = (c: Offline) => Boolean(c.facts && c.nodeId);
    for (const part of chunks(online)) await this.online(part);
    for (const part of chunks(offline.filter((c) => !cameAndWent(c)))) await this.offline(part);
    for (const change of offline.filter(cameAndWent)) await this.cameAndWent(change);
  }

  /** Bulk: online unless a newer connection already holds the machine. */
  private async online(part: Online[]): Promise<void> {
    const rows = part.map((c) => {
      const f = c.facts;
      return [
        c.machineId,
        c.nodeId,
        c.connectionId,
        c.at,
        f.hostname,
        f.platform,
        f.os_name,
        f.os_version,
        f.arch,
        f.ip_addresses,
        f.mac_addresses,
        f.agent_version,
      ];
    });
    await this.db.executeQuery(
      valuesStatement(
        this.db,
        'WITH v(id, node_id, connection_id, at, hostname, platform, os_name, os_version, arch, ip_addresses, mac_addresses, agent_version) AS (VALUES',
        rows,
        `) UPDATE machines
              SET status = 'online', status_since = v.at, offline_reason = NULL, last_seen_at = v.at,
                  node_id = v.node_id, connection_id = v.connection_id,
                  hostname = v.hostname, platform = v.platform, os_name = v.os_name, os_version = v.os_version,
                  arch = v.arch, ip_addresses = v.ip_addresses, mac_addresses = v.mac_addresses, agent_version = v.agent_version
             FROM v
            WHERE machines.id = v.id AND (machines.connection_id IS NULL OR machines.connection_id <= v.connection_id)`,
        [null, null, null, 'bigint'],
      ),
    );
  }

  /** Bulk: offline only where this connection still holds the machine. */
  private async offline(part: Offline[]): Promise<void> {
    const rows = part.map((c) => [c.machineId, c.connectionId, c.at, c.reason]);
    await this.db.executeQuery(
      valuesStatement(
        this.db,
        'WITH v(id, connection_id, at, reason) AS (VALUES',
        rows,
        `) UPDATE machines
              SET status = 'offline', status_since = v.at, offline_reason = v.reason, last_seen_at = v.at
             FROM v
            WHERE machines.id = v.id AND machines.connection_id = v.connection_id`,
        [null, null, 'bigint'],
      ),
    );
  }

  /**
   * A connection that came and went before its "online" was written carries its facts and takes
   * the machine (offline) unless a newer connection has.
   */
  private async cameAndWent(change: Offline): Promise<void> {
    await this.db
      .updateTable('machines')
      .set({
        status: 'offline',
        status_since: change.at,
        offline_reason: change.reason,
        last_seen_at: change.at,
        ...change.facts,
        node_id: change.nodeId,
        connection_id: change.connectionId,
      })
      .where('id', '=', change.machineId)
      .where((eb) => eb.or([eb('connection_id', 'is', null), eb('connection_id', '<=', change.connectionId)]))
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
