import { CommandArgSchemas, Validator, type CommandFrame, type CommandName } from '@pons/protocol';
import { commandSignedText, verifyText } from '@pons/crypto';
import type { KeyObject } from 'node:crypto';
import type { VerifiedSignatures } from './verified-signatures.js';

export type CommandCheck = { ok: true; name: CommandName } | { ok: false; message: string };

/** Remembered command ids before the first pass over them. */
const PRUNE_FLOOR = 32;
const argValidators = new Map(Object.entries(CommandArgSchemas).map(([name, schema]) => [name, new Validator(schema)]));

/** Remembers which commands an agent obeyed, until they expire, to refuse replays. */
export interface ReplayMemory {
  /** True if `id` was seen before; otherwise remembers it until `expiresAt` (server clock). */
  seenBefore(id: string, expiresAt: number, serverNow: number): boolean;
}

/** One agent's memory: command ids and their expiry, pruned as it grows. */
export class OwnReplayMemory implements ReplayMemory {
  private readonly seen = new Map<string, number>();
  private pruneAt = PRUNE_FLOOR;

  seenBefore(id: string, expiresAt: number, serverNow: number): boolean {
    this.prune(serverNow);
    if (this.seen.has(id)) return true;
    this.seen.set(id, expiresAt);
    return false;
  }

  /**
   * Forgets ids whose command has expired (a replay of those is refused as expired anyway), each
   * time the list has doubled since the last pass: the work stays proportional to what arrives,
   * and the list to the commands still valid.
   */
  private prune(now: number): void {
    if (this.seen.size < this.pruneAt) return;
    for (const [id, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(id);
    this.pruneAt = Math.max(PRUNE_FLOOR, this.seen.size * 2);
  }
}

/**
 * Decides whether to obey a command: signed by the pinned command key, addressed to this
 * machine (by its id, to every machine, or as a member of the set it was signed for), not expired
 * (by the server's clock), never seen before, and with valid arguments. A relay can forward
 * commands but cannot forge, redirect or replay them.
 */
export class CommandGuard {
  private lastSignedRaw: string | null = null;

  constructor(
    private readonly commandKey: string | KeyObject,
    private readonly machineId: string,
    /** Shared by the agents of one process (the simulator): identical signed bytes verified once. */
    private readonly signatures: VerifiedSignatures | null = null,
    private readonly replays: ReplayMemory = new OwnReplayMemory(),
  ) {}

  check(frame: CommandFrame, clockOffsetMs: number, raw?: string): CommandCheck {
    if (frame.machineId !== this.machineId && frame.machineId !== '*')
      return { ok: false, message: `command addressed to ${frame.machineId}, not to this machine` };
    // A broadcast carries identical bytes to every agent: verifying them once per process is enough.
    const verified = raw !== undefined && raw === this.lastSignedRaw;
    if (!verified) {
      if (!this.verify(frame, raw)) return { ok: false, message: 'the command signature is not valid for the pinned command key' };
      if (raw !== undefined && frame.machineId === '*') this.lastSignedRaw = raw;
    }
    const serverNow = Date.now() + clockOffsetMs;
    if (frame.expiresAt < serverNow) return { ok: false, message: 'the command has expired' };
    if (this.replays.seenBefore(frame.id, frame.expiresAt, serverNow))
      return { ok: false, message: 'the command was already received (replay)' };
    const args = argValidators.get(frame.name);
    if (!args) return { ok: false, message: `unknown command "${frame.name}"` };
    const valid = args.validate(frame.args);
    if (!valid.ok) return { ok: false, message: `invalid arguments: ${valid.message}` };
    return { ok: true, name: frame.name as CommandName };
  }

  private verify(frame: CommandFrame, raw?: string): boolean {
    // Agents of one process share what they verified: a set frame whose head was checked is not rebuilt.
    if (this.signatures && raw !== undefined && frame.targetProof !== undefined) return this.signatures.verifySetFrame(frame, raw);
    const text = commandSignedText(frame, this.signatures?.nodes);
    if (text === null) return false;
    return this.signatures ? this.signatures.verify(text, frame.signature) : verifyText(this.commandKey, text, frame.signature);
  }
}
