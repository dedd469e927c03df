import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  AgentFacts,
  HardwareIdentity,
  MachineDetail,
  MachineList,
  MachineListQuery,
  MachineSummary,
  OfflineReason,
} from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, MachinesTable } from '../../platform/db/tables.js';
import type { Db } from '../../platform/db/database.js';
import { KeyBatcher } from '../../platform/db/key-batcher.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityScope } from '../../platform/http/access.js';
import type { EntityTree } from '../identity/index.js';
import { resolveIdentity } from './identity-key.js';
import { toDetail, toSummary } from './machine-mapper.js';
import { MachinesRepository, type Credentials, type MachineRow } from './machines.repository.js';
import { PresenceRepository } from './presence.repository.js';
import type { PresenceWriter } from './presence-writer.js';

export interface EnrollmentInput {
  entityId: string;
  tokenId: string;
  publicKey: string;
  identity: HardwareIdentity;
  facts: AgentFacts;
  agentVersion: string;
}

export class MachinesService {
  private readonly repo: MachinesRepository;
  private readonly credentialLookups: KeyBatcher<Credentials>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: Bus,
    readonly presence: PresenceWriter,
    private readonly entities: () => Promise<EntityTree>,
    private readonly macBlacklist: ReadonlySet<string>,
  ) {
    this.repo = new MachinesRepository(db);
    this.credentialLookups = new KeyBatcher((ids) => this.repo.credentialsOf(ids));
  }

  /** Facts as stored: MACs lower-cased and without blacklisted addresses. */
  factColumns(facts: AgentFacts, agentVersion: string) {
    const macs = [...new Set(facts.macAddresses.map((m) => m.toLowerCase()).filter((m) => !this.macBlacklist.has(m)))];
    return {
      hostname: facts.hostname,
      platform: facts.platform,
      os_name: facts.osName,
      os_version: facts.osVersion,
      arch: facts.arch,
      ip_addresses: JSON.stringify(facts.ipAddresses.map((ip) => ip.toLowerCase())),
      mac_addresses: JSON.stringify(macs),
      agent_version: agentVersion,
    };
  }

  /**
   * Creates the machine, or takes back the record of the same hardware, inside the caller's
   * transaction. Refuses when that hardware is online right now under another key (a clone).
   */
  async registerEnrollment(trx: Kysely<Database>, input: EnrollmentInput): Promise<{ machineId: string; reenrolled: boolean }> {
    const repo = new MachinesRepository(trx);
    const identity = resolveIdentity(input.identity);
    const existing = await repo.findByIdentityKey(identity.key);
    const now = this.clock.now();
    const facts = this.factColumns(input.facts, input.agentVersion);
    if (existing) {
      if (existing.status === 'online' && existing.public_key !== input.publicKey) {
        throw new PonsError(
          'PONS_E_ENROLL_DUPLICATE_HARDWARE',
          `Machine ${existing.hostname} (${existing.id}) has the same hardware identity and is online now; stop its agent first, or enrol this one with --identity generated if it is a clone.`,
        );
      }
      await repo.update(existing.id, {
        ...facts,
        public_key: input.publicKey,
        entity_id: input.entityId,
        enrollment_token_id: input.tokenId,
        enrolled_at: now,
        generated_id: input.identity.generatedId,
      });
      return { machineId: existing.id, reenrolled: true };
    }
    const row: MachinesTable = {
      id: randomUUID(),
      entity_id: input.entityId,
      identity_key: identity.key,
      identity_source: identity.source,
      smbios_uuid: identity.smbiosUuid,
      serial: identity.serial,
      generated_id: input.identity.generatedId,
      public_key: input.publicKey,
      ...facts,
      status: 'offline',
      status_since: now,
      offline_reason: 'never-connected',
      last_seen_at: null,
      enrolled_at: now,
      enrollment_token_id: input.tokenId,
      inventory_at: null,
      vendor: null,
      model: null,
      cpu_model: null,
      memory_bytes: null,
      software_count: null,
      node_id: null,
      connection_id: null,
    };
    await repo.insert(row);
    return { machineId: row.id, reenrolled: false };
  }

  /** Looked up together with the other hellos of the same turn (a reconnect storm sends thousands). */
  credentials(machineId: string): Promise<Credentials | undefined> {
    return this.credentialLookups.get(machineId);
  }

  recordOnline(machineId: string, connection: { nodeId: string; connectionId: string }, facts: AgentFacts, agentVersion: string): void {
    this.presence.record({ kind: 'online', machineId, ...connection, at: this.clock.now(), facts: this.factColumns(facts, agentVersion) });
  }

  recordOffline(machineId: string, connectionId: string, reason: OfflineReason): void {
    this.presence.record({ kind: 'offline', machineId, connectionId, at: this.clock.now(), reason });
  }

  /**
   * Machines held by nodes that died or ended without saying so go offline with `reason` (and,
   * on the first start of a database, machines no node holds).
   */
  async releaseNodes(nodeIds: string[], reason: OfflineReason, includeUnowned = false): Promise<string[]> {
    await this.presence.flush();
    const released = await new PresenceRepository(this.db).releaseNodes(nodeIds, reason, this.clock.now(), includeUnowned);
    if (released.length > 0) await this.presence.announce(released);
    return released;
  }

  touch(machineIds: string[]): Promise<void> {
    return this.repo.touchLastSeen(machineIds, this.clock.now());
  }

  async list(scope: EntityScope, query: MachineListQuery): Promise<MachineList> {
    let entityIds: string[] | undefined;
    if (query.entity) {
      const tree = await this.entities();
      entityIds = tree.subtree(tree.resolve(query.entity).id);
    }
    const { rows, total, online, offline } = await this.repo.list({ ...query, ...(entityIds ? { entityIds } : {}) }, scope);
    return { items: rows.map(toSummary), total, counts: { online, offline } };
  }

  /** Finds one machine by id or hostname within the caller's scope. */
  async find(scope: EntityScope, ref: string): Promise<MachineRow> {
    const byId = await this.repo.findById(ref);
    if (byId && (scope === 'all' || scope.has(byId.entity_id))) return byId;
    const byName = await this.repo.findByHostname(ref, scope);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) {
      throw new PonsError('PONS_E_MACHINE_AMBIGUOUS', `${byName.length} machines are called "${ref}"; use the machine id instead.`, {
        ids: byName.map((m) => m.id),
      });
    }
    throw new PonsError('PONS_E_MACHINE_NOT_FOUND', `No machine "${ref}" is visible to you.`);
  }

  /**
   * The machines a command goes to: every machine in scope, those of an entity (and below), or a
   * list of ids and hostnames, each of which must exist and be in scope.
   */
  async resolveTargets(
    scope: EntityScope,
    targets: { all?: boolean; machines?: string[]; entity?: string },
  ): Promise<Array<{ id: string; status: string; node_id: string | null }>> {
    const chosen = [targets.all, targets.machines, targets.entity].filter((t) => t !== undefined && t !== false).length;
    if (chosen !== 1) throw new PonsError('PONS_E_VALIDATION', 'Choose the targets one way: "all", "machines" or "entity".');
    if (targets.all) return this.repo.targets(scope);
    if (targets.entity) {
      const tree = await this.entities();
      return this.repo.targets(scope, tree.subtree(tree.resolve(targets.entity).id));
    }
    const found = new Map<string, { id: string; status: string; node_id: string | null }>();
    const refs = [...new Set(targets.machines ?? [])];
    const byId = new Map(
      (await this.repo.targetsByIds(refs)).filter((m) => scope === 'all' || scope.has(m.entity_id)).map((m) => [m.id, m]),
    );
    const missing: string[] = [];
    for (const ref of refs) {
      const direct = byId.get(ref);
      if (direct) {
        found.set(direct.id, { id: direct.id, status: direct.status, node_id: direct.node_id });
        continue;
      }
      const named = await this.repo.findByHostname(ref, scope);
      if (named.length === 1) found.set(named[0]!.id, { id: named[0]!.id, status: named[0]!.status, node_id: named[0]!.node_id });
      else if (named.length > 1)
        throw new PonsError('PONS_E_MACHINE_AMBIGUOUS', `${named.length} machines are called "${ref}"; use the machine id instead.`);
      else missing.push(ref);
    }
    if (missing.length > 0)
      throw new PonsError(
        'PONS_E_MACHINE_NOT_FOUND',
        `No machine ${missing
          .slice(0, 5)
          .map((m) => `"${m}"`)
          .join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''} is visible to you.`,
      );
    return [...found.values()];
  }

  /** Moves machines (each within `scope`) to an entity; returns them as they were, for the audit. */
  async move(scope: EntityScope, refs: string[], entityId: string): Promise<Array<{ id: string; hostname: string; from: string }>> {
    const targets = await this.resolveTargets(scope, { machines: refs });
    const before = await this.repo.byIds(targets.map((t) => t.id));
    await this.repo.moveToEntity(
      before.map((m) => m.id),
      entityId,
    );
    const rows = await this.repo.byIds(before.map((m) => m.id));
    this.bus.publish('machine.moved', { moves: before.map((m) => ({ machineId: m.id, from: m.entity_id, to: entityId })) });
    this.bus.publish('machine.changed', { machines: rows.map(toSummary) });
    return before.map((m) => ({ id: m.id, hostname: m.hostname, from: m.entity_id }));
  }

  /** Every machine matching the query within scope, in pages, for an export. */
  async *exportAll(scope: EntityScope, query: MachineListQuery): AsyncGenerator<MachineSummary> {
    for (let offset = 0; ; offset += 1_000) {
      const page = await this.list(scope, { ...query, limit: 1_000, offset });
      yield* page.items;
      if (page.items.length < 1_000) return;
    }
  }

  async detail(scope: EntityScope, ref: string): Promise<MachineDetail> {
    const row = await this.find(scope, ref);
    return toDetail(row, row.node_id ? await this.repo.nodeName(row.node_id) : null);
  }

  /**
   * Copies inventory fields to the machine inside the caller's transaction (the inventory module
   * stores the document in the same one, so both change or neither), then announces the change.
   */
  async updateFromInventory(
    machineId: string,
    fields: Partial<MachinesTable>,
    write: (apply: (trx: Kysely<Database>) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    // Facts from the connect are still queued; write them first so the inventory's newer ones win.
    await this.presence.flush();
    await write((trx) => new MachinesRepository(trx).update(machineId, fields));
    const rows = await this.repo.byIds([machineId]);
    this.bus.publish('machine.changed', { machines: rows.map(toSummary) });
  }
}
