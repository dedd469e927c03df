import { CommandGuard, VerifiedSignatures, type CommandCheck, type ReplayMemory } from '@pons/agent-link';
import type { CommandFrame, ResultFrame } from '@pons/protocol';

/** What the desk needs of an agent: where it sits in this process and its own guard. */
export interface CommandTarget {
  /** 0-based position among this process's agents. */
  readonly slot: number;
  machineId: string | null;
  guard: CommandGuard | null;
}

export interface CommandAnswer {
  result: ResultFrame;
  outcome: 'echo' | 'inventory' | 'deploy' | 'rejected';
}

interface Broadcast {
  raw: string;
  check: CommandCheck;
  expiresAt: number;
}

/**
 * Replay protection for every agent of the process at once: per command, one bit per agent
 * slot, until the command expires. A map of command ids in each of thousands of agents would
 * fill the old generation the garbage collector walks; this holds one small bitset per command.
 */
class SharedReplays {
  private readonly commands = new Map<string, { expiresAt: number; served: Uint8Array }>();
  private pruneAt = 64;

  constructor(private readonly slots: number) {}

  /** True if the agent in `slot` saw `id` before; otherwise marks it. */
  seenBefore(slot: number, id: string, expiresAt: number, serverNow: number): boolean {
    let entry = this.commands.get(id);
    if (!entry) {
      this.prune(serverNow);
      entry = { expiresAt, served: new Uint8Array(Math.ceil(this.slots / 8)) };
      this.commands.set(id, entry);
    }
    const byte = slot >> 3;
    const bit = 1 << (slot & 7);
    if ((entry.served[byte]! & bit) !== 0) return true;
    entry.served[byte] = entry.served[byte]! | bit;
    return false;
  }

  forSlot(slot: number): ReplayMemory {
    return { seenBefore: (id, expiresAt, serverNow) => this.seenBefore(slot, id, expiresAt, serverNow) };
  }

  /** Expired commands go each time the map has doubled since the last pass: work in step with arrivals. */
  private prune(serverNow: number): void {
    if (this.commands.size < this.pruneAt) return;
    this.commands.forEach((entry, id) => {
      if (entry.expiresAt < serverNow) this.commands.delete(id);
    });
    this.pruneAt = Math.max(64, this.commands.size * 2);
  }
}

/**
 * Decides on every command the simulated agents receive, as the real agent does: signature by
 * the pinned command key, address, expiry, replay and arguments, through CommandGuard. A
 * command for one machine goes through that agent's own guard (created on first use); the guards
 * share one VerifiedSignatures, so a command signed once for a set of machines has its signed
 * text verified once per process, while each agent checks its own proof and address. A
 * broadcast (`machineId: '*'`) carries identical bytes to every agent, so its signature is
 * checked once per process and the verdict shared, with a bit per agent against replays.
 */
export class CommandDesk {
  private commandKey: string | null = null;
  private broadcastGuard: CommandGuard | null = null;
  private signatures: VerifiedSignatures | null = null;
  private readonly broadcasts = new Map<string, Broadcast>();
  private readonly replays: SharedReplays;

  constructor(slots: number) {
    this.replays = new SharedReplays(slots);
  }

  /** The server's command-signing key, pinned at the first enrollment (or from the state file). */
  pin(commandKey: string): void {
    if (this.commandKey === commandKey) return;
    this.commandKey = commandKey;
    this.broadcasts.clear();
    this.broadcastGuard = new CommandGuard(commandKey, '*');
    this.signatures = new VerifiedSignatures(commandKey);
  }

  get pinnedKey(): string | null {
    return this.commandKey;
  }

  /** `raw` is the frame's text as it came off the wire (when known): identical bytes are checked once. */
  answer(target: CommandTarget, frame: CommandFrame, clockOffsetMs: number, raw?: string): CommandAnswer {
    if (!this.commandKey || !target.machineId) return rejected(frame, 'no command key was pinned at enrollment');
    const check =
      frame.machineId === '*'
        ? this.checkBroadcast(target, frame, clockOffsetMs, raw)
        : (target.guard ??= new CommandGuard(this.commandKey, target.machineId, this.signatures, this.replays.forSlot(target.slot))).check(
            frame,
            clockOffsetMs,
            raw,
          );
    if (!check.ok) return rejected(frame, check.message);
    switch (check.name) {
      case 'echo':
        return {
          outcome: 'echo',
          result: {
            type: 'result',
            commandId: frame.id,
            status: 'ok',
            output: { payload: (frame.args as { payload?: string }).payload ?? '' },
          },
        };
      case 'inventory.collect':
        return { outcome: 'inventory', result: { type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true } } };
      case 'deploy.start':
        return { outcome: 'deploy', result: { type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true } } };
      case 'deploy.cancel':
      case 'machine.reboot':
      case 'machine.shutdown':
      case 'shell.run':
      case 'agent.reconfigure':
      case 'tunnel.open':
      case 'wol.send':
        return rejected(frame, `this simulated agent does not carry out ${check.name}`);
    }
  }

  private checkBroadcast(target: CommandTarget, frame: CommandFrame, clockOffsetMs: number, wire?: string): CommandCheck {
    // Identical bytes parse to identical frames, and parsed frames serialise identically: either text is a safe key.
    const raw = wire ?? JSON.stringify(frame);
    const serverNow = Date.now() + clockOffsetMs;
    let entry = this.broadcasts.get(frame.id);
    if (entry && entry.raw !== raw) return { ok: false, message: 'a different command reuses the id of one already received (replay)' };
    if (!entry) {
      this.prune(serverNow);
      entry = { raw, check: this.broadcastGuard!.check(frame, clockOffsetMs, raw), expiresAt: frame.expiresAt };
      this.broadcasts.set(frame.id, entry);
    }
    if (!entry.check.ok) return entry.check;
    if (frame.expiresAt < serverNow) return { ok: false, message: 'the command has expired' };
    if (this.replays.seenBefore(target.slot, frame.id, frame.expiresAt, serverNow))
      return { ok: false, message: 'the command was already received (replay)' };
    return entry.check;
  }

  private prune(serverNow: number): void {
    for (const [id, entry] of this.broadcasts) if (entry.expiresAt < serverNow) this.broadcasts.delete(id);
  }
}

function rejected(frame: CommandFrame, message: string): CommandAnswer {
  return {
    outcome: 'rejected',
    result: { type: 'result', commandId: frame.id, status: 'rejected', error: { code: 'PONS_E_SIGNATURE_INVALID', message } },
  };
}
