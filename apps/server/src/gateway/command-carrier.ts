import { commandPayload, signCommand, signText } from '@pons/crypto';
import { TARGET_PROOF_PROTOCOL, type CommandFrame, type ResultFrame } from '@pons/protocol';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { CommandDelivery, CommandsService, StoredCommand } from '../modules/commands/index.js';
import type { AgentSession } from './agent-session.js';
import { SetSignatures, type SetSignature } from './set-signatures.js';

/** Connections written to per turn of the event loop during a fan-out. */
const SEND_SLICE = 500;
/** Admitted machines whose queued commands are looked up by one statement. */
const ADMITTED_SLICE = 256;
/** At most one lookup of queued commands per this many ms: admissions in between wait for the next. */
const ADMITTED_WINDOW_MS = 200;

/**
 * Puts commands on the wire and brings their answers back to the commands module. A target is
 * claimed in the database before it is sent, so it is sent at most once; answers and lost
 * connections become outcomes. A command for every machine is signed once, as a broadcast
 * (`machineId: "*"`), and the same bytes go to every connection. A command for several machines
 * is signed once for their set, each agent getting its proof of membership (protocol 2; older
 * agents get a signature of their own). A target's round trip runs from the moment its frame was
 * written to its socket to the moment its answer was read.
 */
export class CommandCarrier implements CommandDelivery {
  /** Per connection: the commands it was given and not yet answered, with when each was written. */
  private readonly inflight = new WeakMap<AgentSession, Map<string, number>>();
  private readonly sets: SetSignatures;
  /** Connections admitted since the last lookup, whose queued commands are looked up together. */
  private admitted: AgentSession[] = [];
  private admitTimer: NodeJS.Timeout | null = null;
  private lastLookupAt = -Infinity;

  constructor(
    private readonly commands: CommandsService,
    private readonly sessionOf: (machineId: string) => AgentSession | undefined,
    private readonly key: KeyObject,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.sets = new SetSignatures(key, (id) => commands.targetIds(id), now);
  }

  held(machineIds: string[]): string[] {
    return machineIds.filter((id) => this.sessionOf(id)?.takesCommands);
  }

  async deliver(command: StoredCommand, machineIds: string[]): Promise<void> {
    const local = this.held(machineIds);
    if (local.length === 0) return;
    await this.send(command, await this.commands.claim(command.id, local));
  }

  /**
   * Writes the command to each claimed target, SEND_SLICE connections at a time with a turn of
   * the event loop between slices, so that answers (and everything else) are read while a large
   * fan-out is still being written. Each target's send time is kept for its round trip.
   */
  async send(command: StoredCommand, machineIds: string[]): Promise<void> {
    const base = {
      type: 'command' as const,
      id: command.id,
      name: command.name,
      args: command.args,
      issuedAt: command.issuedAt,
      expiresAt: command.expiresAt,
    };
    const broadcast =
      command.targetKind === 'all' && machineIds.length > 1
        ? Buffer.from(JSON.stringify(signCommand(this.key, { ...base, machineId: '*' })))
        : null;
    const set = !broadcast && command.targetCount > 1 ? await this.sets.for(command) : null;
    let sent = 0;
    for (let i = 0; i < machineIds.length; i++) {
      if (i > 0 && i % SEND_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const machineId = machineIds[i]!;
      const session = this.sessionOf(machineId);
      if (!session?.takesCommands) {
        this.commands.recordLost(machineId, [command.id], 'The machine disconnected before the command could be sent.');
        continue;
      }
      this.track(session).set(command.id, this.now());
      session.sendRaw(broadcast ?? this.frameFor(session, set, { ...base, machineId }), 'command');
      sent++;
    }
    this.metrics.commandsSent.inc(sent);
  }

  private frameFor(session: AgentSession, set: SetSignature | null, unsigned: Omit<CommandFrame, 'signature'>): string | Buffer {
    if (set && session.protocol >= TARGET_PROOF_PROTOCOL && set.set.has(unsigned.machineId))
      return SetSignatures.frame(set, unsigned.machineId);
    const frame: CommandFrame = { ...unsigned, signature: signText(this.key, commandPayload(unsigned)) };
    return JSON.stringify(frame);
  }

  private track(session: AgentSession): Map<string, number> {
    let open = this.inflight.get(session);
    if (!open) this.inflight.set(session, (open = new Map<string, number>()));
    return open;
  }

  /**
   * Sends what waited for this machine while it was away. A machine admitted after a quiet spell
   * is looked up on the next turn; while admissions keep coming (after a restart thousands come
   * back within seconds, and one lookup each cost more than the rest of their admission) they are
   * looked up together at most once per window, and each command claimed and sent for all of them
   * at once.
   */
  onAdmitted(session: AgentSession): void {
    this.admitted.push(session);
    if (this.admitted.length >= ADMITTED_SLICE) return this.sendAdmitted();
    if (this.admitTimer) return;
    const wait = Math.max(0, this.lastLookupAt + ADMITTED_WINDOW_MS - performance.now());
    this.admitTimer = setTimeout(() => this.sendAdmitted(), wait);
  }

  /** Forgets admissions not yet looked up: a stopping server sends nothing more. */
  stop(): void {
    if (this.admitTimer) clearTimeout(this.admitTimer);
    this.admitTimer = null;
    this.admitted = [];
  }

  private sendAdmitted(): void {
    if (this.admitTimer) clearTimeout(this.admitTimer);
    this.admitTimer = null;
    this.lastLookupAt = performance.now();
    const machineIds = this.admitted.filter((s) => s.takesCommands).map((s) => s.machineId!);
    this.admitted = [];
    this.sendQueued(machineIds).catch((error: unknown) =>
      this.log.error({ err: error, machines: machineIds.length }, 'could not deliver queued commands'),
    );
  }

  private async sendQueued(machineIds: string[]): Promise<void> {
    for (let i = 0; i < machineIds.length; i += ADMITTED_SLICE) {
      const waiting = await this.commands.queuedFor(machineIds.slice(i, i + ADMITTED_SLICE));
      for (const { command, machineIds: targets } of waiting) await this.deliver(command, targets);
    }
  }

  onResult(session: AgentSession, frame: ResultFrame, receivedAt: number): void {
    const open = this.inflight.get(session);
    const sentAt = open?.get(frame.commandId);
    if (sentAt === undefined) {
      this.log.debug({ commandId: frame.commandId, machineId: session.machineId }, 'answer to a command this connection was not given');
      return;
    }
    open!.delete(frame.commandId);
    this.commands.recordAnswer(session.machineId!, frame, receivedAt, sentAt);
  }

  onClosed(session: AgentSession): void {
    const open = this.inflight.get(session);
    if (open && open.size > 0) this.commands.recordLost(session.machineId!, open.keys(), 'The machine disconnected before answering.');
    this.inflight.delete(session);
  }
}
