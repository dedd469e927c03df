import type { KeyObject } from 'node:crypto';
import { setFrameMemberStart, signCommandForSet, TargetSet } from '@pons/crypto';
import type { StoredCommand } from '../modules/commands/index.js';

export interface SetSignature {
  set: TargetSet;
  signature: string;
  /**
   * The frame's common part as JSON (UTF-8), without its closing brace: each target's frame is
   * this plus its machine id and proof, so the command (its arguments may be large) is serialised
   * once.
   */
  head: Buffer;
}

const CLOSE = Buffer.from(']}');

/**
 * One signature per command to several machines (protocol 2): the command is signed for the
 * Merkle root of its targets, and each target's frame carries its proof. Built once per command
 * on each node that sends it (from the targets the creating node already has, or read back). Only
 * the latest few are kept: a command is sent to most of its targets at once, and a tree kept for
 * every recent command would fill the old generation the garbage collector walks (a later
 * delivery, to a machine that reconnects, reads the targets back). At 50 commands a second, 64
 * trees outlived the young generation's collections and were most of what each one copied.
 * Ed25519 is deterministic: every node, and every rebuild, signs alike.
 */
export class SetSignatures {
  private readonly entries = new Map<string, Promise<SetSignature>>();

  constructor(
    private readonly key: KeyObject,
    private readonly targetIds: (commandId: string) => Promise<string[]>,
    private readonly now: () => number,
    private readonly max = 8,
  ) {}

  for(command: StoredCommand): Promise<SetSignature> {
    let entry = this.entries.get(command.id);
    if (!entry) {
      this.prune();
      entry = this.build(command);
      entry.catch(() => this.entries.delete(command.id));
      this.entries.set(command.id, entry);
    }
    return entry;
  }

  private async build(command: StoredCommand): Promise<SetSignature> {
    const set = new TargetSet(command.targets ?? (await this.targetIds(command.id)));
    const { id, name, args, issuedAt, expiresAt } = command;
    const body = { type: 'command' as const, id, name, args, issuedAt, expiresAt };
    const signature = signCommandForSet(this.key, body, set.root);
    return { set, signature, head: Buffer.from(JSON.stringify({ ...body, signature }).slice(0, -1)) };
  }

  /**
   * The frame for one member of the set, written straight into one buffer: the head, then
   * `,"machineId":…,"targetProof":[…]}` (proof hashes are base64url: nothing to escape). Sent as
   * is, it is the only allocation per target.
   */
  static frame(entry: SetSignature, machineId: string): Buffer {
    const proof = entry.set.proof(machineId);
    const id = setFrameMemberStart(machineId);
    let size = entry.head.length + Buffer.byteLength(id) + CLOSE.length;
    for (const sibling of proof) size += sibling.length + 3;
    if (proof.length > 0) size--;
    const out = Buffer.allocUnsafe(size);
    let at = entry.head.copy(out, 0);
    at += out.write(id, at);
    for (let i = 0; i < proof.length; i++) {
      if (i > 0) out[at++] = 0x2c;
      out[at++] = 0x22;
      at += out.write(proof[i]!, at, 'latin1');
      out[at++] = 0x22;
    }
    CLOSE.copy(out, at);
    return out;
  }

  /** Drops the oldest entries past `max`; a dropped command still being sent is simply built again. */
  private prune(): void {
    if (this.entries.size < this.max) return;
    for (const id of [...this.entries.keys()].slice(0, this.entries.size - this.max + 1)) this.entries.delete(id);
  }
}
