import { hostname } from 'node:os';
import type { MachineSummary, WakeRequest, WakeResponse } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import type { EntityScope, Principal } from '../../platform/http/access.js';
import type { Logger } from '../../platform/logger.js';
import { sendMagicPackets, type WakeOnLanOptions } from '@pons/agent-link';
import type { CommandsService } from '../commands/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { MachineRow, MachinesService } from '../machines/index.js';
import { inSubnet, subnetsOf, type Subnet } from './subnets.js';

const PAGE = 1000;
const MAX_PAGES = 100;
const ANSWER_MS = 10_000;

/**
 * Wake-on-LAN for people: magic packets do not cross routers, so they are sent from an online
 * agent on the sleeping machine's subnet when there is one (relays, when they exist, come first),
 * else from the server to the subnet's broadcast address (or the configured ones).
 */
export class WakeService {
  constructor(
    private readonly machines: MachinesService,
    private readonly inventory: InventoryService,
    private readonly commands: CommandsService,
    private readonly options: WakeOnLanOptions,
    private readonly log: Logger,
  ) {}

  async wake(principal: Principal, ref: string, request: WakeRequest): Promise<WakeResponse> {
    const scope = principal.scope('remote', 'rw');
    const machine = await this.machines.find(scope, ref);
    return this.send(machine, request.port ?? this.options.port, principal.username, scope);
  }

  /** For a deployment's scheduler, acting with the rights checked when the deployment was made. */
  async wakeForDeployment(machineId: string, by: string): Promise<WakeResponse> {
    return this.send(await this.machines.find('all', machineId), this.options.port, by, 'all');
  }

  private async send(machine: MachineRow, port: number, by: string, scope: EntityScope): Promise<WakeResponse> {
    const macs = (JSON.parse(machine.mac_addresses) as string[]).map((m) => m.toLowerCase());
    if (macs.length === 0)
      throw new PonsError('PONS_E_WAKE_NO_ADDRESS', `${machine.hostname} has no known MAC address: its agent never reported one.`);
    const document = await this.inventory.latest(scope, machine.id).then(
      (i) => i.document,
      () => null,
    );
    const subnets = subnetsOf(document);
    const base = { machineId: machine.id, hostname: machine.hostname, entityId: machine.entity_id, macs, port };
    for (const peer of await this.peers(scope, machine.id, subnets)) {
      const addresses = subnets.filter((s) => peer.ipAddresses.some((ip) => inSubnet(ip, s))).map((s) => s.broadcast);
      try {
        const id = await this.commands.issue(by, 'wol.send', { macs, addresses, port }, [peer.id], ANSWER_MS * 2);
        const outcome = await this.commands.outcomeWithin(id, peer.id, ANSWER_MS);
        if (outcome.status === 'succeeded') {
          const packets = (outcome.output as { packets?: number } | null)?.packets ?? macs.length * addresses.length;
          return { ...base, sentBy: { kind: 'agent', machineId: peer.id, hostname: peer.hostname }, addresses, packets };
        }
        this.log.warn(
          { peer: peer.hostname, status: outcome.status, error: outcome.error },
          'a neighbour could not send Wake-on-LAN packets',
        );
      } catch (error) {
        this.log.warn({ err: error, peer: peer.hostname }, 'a neighbour could not be asked to send Wake-on-LAN packets');
      }
    }
    const addresses = subnets.length > 0 ? subnets.map((s) => s.broadcast) : this.options.addresses;
    const packets = await sendMagicPackets(macs, { addresses, port });
    return { ...base, sentBy: { kind: 'server', machineId: null, hostname: hostname() }, addresses, packets };
  }

  /** Online machines the person may act on that share a subnet with the sleeping one, first found first. */
  private async peers(scope: EntityScope, targetId: string, subnets: Subnet[]): Promise<MachineSummary[]> {
    if (subnets.length === 0) return [];
    const found: MachineSummary[] = [];
    for (let page = 0; page < MAX_PAGES && found.length < 3; page++) {
      const list = await this.machines.list(scope, { status: 'online', limit: PAGE, offset: page * PAGE });
      for (const m of list.items) if (m.id !== targetId && m.ipAddresses.some((ip) => subnets.some((s) => inSubnet(ip, s)))) found.push(m);
      if (list.items.length < PAGE) break;
    }
    return found.slice(0, 3);
  }
}
