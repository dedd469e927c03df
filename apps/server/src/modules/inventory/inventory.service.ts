import type { InventoryDocument, MachineInventory } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityScope, Principal } from '../../platform/http/access.js';
import type { Logger } from '../../platform/logger.js';
import type { CommandsService } from '../commands/index.js';
import type { MachinesService } from '../machines/index.js';
import { InventoryRepository } from './inventory.repository.js';

/**
 * Keeps the latest full inventory document of each machine, and copies the fields people list
 * and search by into indexed columns of the machine.
 */
export class InventoryService {
  private readonly repo: InventoryRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly machines: MachinesService,
    private readonly commands: CommandsService,
    private readonly log: Logger,
  ) {
    this.repo = new InventoryRepository(db);
  }

  async store(machineId: string, document: InventoryDocument): Promise<void> {
    const now = this.clock.now();
    const ips = (document.network ?? []).flatMap((n) => [...n.ipv4, ...n.ipv6].map((a) => a.address));
    const macs = (document.network ?? []).flatMap((n) => (n.mac ? [n.mac] : []));
    const facts = this.machines.factColumns(
      {
        hostname: document.system.hostname,
        platform: document.system.platform,
        osName: document.system.osName,
        osVersion: document.system.osVersion,
        arch: document.system.arch,
        ipAddresses: ips.filter((ip) => ip !== '127.0.0.1' && ip !== '::1'),
        macAddresses: macs.filter((m) => /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m)),
      },
      document.agentVersion,
    );
    const columns = {
      ...facts,
      inventory_at: now,
      vendor: document.hardware?.vendor ?? null,
      model: document.hardware?.model ?? null,
      cpu_model: document.cpu?.model ?? null,
      memory_bytes: document.memory?.totalBytes ?? null,
      software_count: document.software ? document.software.length : null,
    };
    const row = { machine_id: machineId, received_at: now, document: JSON.stringify(document) };
    await this.machines.updateFromInventory(machineId, columns, (applyToMachine) =>
      this.db.transaction().execute(async (trx) => {
        await new InventoryRepository(trx).upsert(row);
        await applyToMachine(trx);
      }),
    );
    this.log.debug({ machineId, software: document.software?.length ?? 0 }, 'inventory stored');
  }

  async latest(scope: EntityScope, ref: string): Promise<MachineInventory> {
    const machine = await this.machines.find(scope, ref);
    const row = await this.repo.find(machine.id);
    if (!row) throw new PonsError('PONS_E_NOT_FOUND', `Machine ${machine.hostname} has not sent an inventory yet.`);
    return { machineId: machine.id, receivedAt: row.received_at, document: JSON.parse(row.document) as InventoryDocument };
  }

  /** Asks the machine's agent for a fresh inventory now, with a signed, recorded command. */
  async refresh(principal: Principal, ref: string): Promise<{ machineId: string; commandId: string }> {
    const machine = await this.machines.find(principal.scope('inventory', 'rw'), ref);
    if (machine.status !== 'online') {
      throw new PonsError(
        'PONS_E_MACHINE_OFFLINE',
        `Machine ${machine.hostname} is offline; its inventory will be collected when it reconnects.`,
      );
    }
    const command = await this.commands.create(principal, {
      name: 'inventory.collect',
      args: {},
      targets: { machines: [machine.id] },
      ttlMs: 120_000,
    });
    return { machineId: machine.id, commandId: command.id };
  }
}
