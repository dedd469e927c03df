import { commandPayload, signCommand, signText } from '@pons/crypto';
import type { CommandFrame, ResultFrame } from '@pons/protocol';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { CommandDelivery, CommandsService, StoredCommand } from '../modules/commands/index.js';
import type { AgentSession } from './agent-session.js';

/**
 * Puts commands on the wire and brings their answers back to the commands module. A target is
 * claimed in the database before it is sent, so it is sent at most once; answers and lost
 * connections become outcomes. A command for every machine is signed once, as a broadcast
 * (`machineId: "*"`), and the same bytes go to every connection.
 */
export class CommandCarrier implements CommandDelivery {
  private readonly inflight = new WeakMap<AgentSession, Set<string>>();

  constructor(
    private readonly commands: CommandsService,
    private readonly sessionOf: (machineId: string) => AgentSession | undefined,
    private readonly key: KeyObject,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {}

  async deliver(command: StoredCommand, machineIds: string[]): Promise<void> {
    const local = machineIds.filter((id) => this.sessionOf(id)?.state === 'ready');
    if (local.length === 0) return;
    const claimed = await this.commands.claim(command.id, local);
    const base = {
      type: 'command' as const,
      id: command.id,
      name: command.name,
      args: command.args,
      issuedAt: command.issuedAt,
      expiresAt: command.expiresAt,
    };
    const broadcast =
      command.targetKind === 'all' && claimed.length > 1 ? Buffer.from(JSON.stringify(signCommand(this.key, { ...base, machineId: '*' }))) : null;
    for (const machineId of claimed) {
      const session = this.sessionOf(machineId);
      if (!session || session.state !== 'ready') {
        this.commands.recordLost(machineId, [command.id], 'The machine disconnected before the command could be sent.');
        continue;
      }
      this.track(session).add(command.id);
      if (broadcast) session.sendRaw(broadcast, 'command');
      else session.sendRaw(JSON.stringify(this.sign({ ...base, machineId })), 'command');
    }
    this.metrics.commandsSent.inc(claimed.length);
  }

  private sign(unsigned: Omit<CommandFrame, 'signature'>): CommandFrame {
    return { ...unsigned, signature: signText(this.key, commandPayload(unsigned)) };
  }

  private track(session: AgentSession): Set<string> {
    let set = this.inflight.get(session);
    if (!set) this.inflight.set(session, (set = new Set()));
    return set;
  }

  /** Sends what waited for this machine while it was away. */
  async onAdmitted(session: AgentSession): Promise<void> {
    const machineId = session.machineId!;
    for (const command of await this.commands.queuedFor(machineId)) await this.deliver(command, [machineId]);
  }

  onResult(session: AgentSession, frame: ResultFrame, receivedAt: number): void {
    if (!this.inflight.get(session)?.delete(frame.commandId)) {
      this.log.debug({ commandId: frame.commandId, machineId: session.machineId }, 'answer to a command this connection was not given');
      return;
    }
    this.commands.recordAnswer(session.machineId!, frame, receivedAt);
  }

  onClosed(session: AgentSession): void {
    const open = this.inflight.get(session);
    if (open && open.size > 0) this.commands.recordLost(session.machineId!, open, 'The machine disconnected before answering.');
    this.inflight.delete(session);
  }
}
