import type { KeyObject } from 'node:crypto';
import { importPublicKey, KnownNodes, setCommandText, setFrameMemberStart, targetSetRoot, verifyText } from '@pons/crypto';
import type { CommandFrame } from '@pons/protocol';

const QUOTE = 0x22;
const COMMA = 0x2c;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Where the frame's head ends, if `raw` is that head followed by exactly the frame's own machine
 * id and proof (`,"machineId":…,"targetProof":[…]}`, as the server writes a set frame); null
 * otherwise. Checked from the end, against the parsed values, without building the tail.
 */
export function setFrameHeadLength(raw: string, frame: CommandFrame): number | null {
  const proof = frame.targetProof;
  if (!proof) return null;
  let end = raw.length;
  if (raw.charCodeAt(end - 1) !== CLOSE_OBJECT || raw.charCodeAt(end - 2) !== CLOSE_ARRAY) return null;
  end -= 2;
  for (let i = proof.length - 1; i >= 0; i--) {
    const sibling = proof[i]!;
    const start = end - 1 - sibling.length;
    if (raw.charCodeAt(end - 1) !== QUOTE || raw.charCodeAt(start - 1) !== QUOTE || !raw.startsWith(sibling, start)) return null;
    end = start - 1;
    if (i > 0) {
      if (raw.charCodeAt(end - 1) !== COMMA) return null;
      end--;
    }
  }
  const middle = setFrameMemberStart(frame.machineId);
  const head = end - middle.length;
  return head > 0 && raw.startsWith(middle, head) ? head : null;
}

/**
 * Verdicts on exact signed texts under one key, so that bytes already verified in this process
 * are not verified again: a command signed once for many machines reaches every simulated agent
 * of a process with the same signed text (each agent still checks its own proof and address, up
 * to a tree node another agent's proof already reached: `nodes`).
 */
export class VerifiedSignatures {
  /** By signature: the text it was checked against and the verdict (no long concatenated key to hash). */
  private readonly verdicts = new Map<string, { text: string; valid: boolean }>();
  private readonly key: KeyObject | null;
  readonly nodes = new KnownNodes();
  /** Set frames by head (every byte before the machine id): the root their signature was checked with, and the verdict. */
  private readonly heads = new Map<string, { root: string; valid: boolean }>();
  /** Ed25519 verifications actually run (the others were answered from memory). */
  verifications = 0;

  constructor(
    commandKey: string | KeyObject,
    private readonly max = 4096,
  ) {
    try {
      this.key = typeof commandKey === 'string' ? importPublicKey(commandKey) : commandKey;
    } catch {
      this.key = null;
    }
  }

  verify(text: string, signature: string): boolean {
    if (!this.key) return false;
    const seen = this.verdicts.get(signature);
    if (seen && seen.text === text) return seen.valid;
    const valid = verifyText(this.key, text, signature);
    this.verifications++;
    this.remember(this.verdicts, signature, { text, valid });
    return valid;
  }

  /**
   * A frame of a command signed for a set, with its text off the wire. The agent's own proof is
   * followed to its root every time; when the rest of the frame is byte for byte a head already
   * checked under that root, the signed text is the same and the verdict stands without
   * rebuilding the text (the server writes one head per command for all its targets).
   */
  verifySetFrame(frame: CommandFrame, raw: string): boolean {
    if (frame.machineId === '*') return false;
    const root = targetSetRoot(frame.machineId, frame.targetProof ?? [], this.nodes);
    if (root === null) return false;
    const length = setFrameHeadLength(raw, frame);
    const head = length === null ? null : raw.slice(0, length);
    const seen = head === null ? undefined : this.heads.get(head);
    if (seen && seen.root === root) return seen.valid;
    const valid = this.verify(setCommandText(frame, root), frame.signature);
    if (head !== null) this.remember(this.heads, head, { root, valid });
    return valid;
  }

  /** Sets `key`; a new key in a full map first drops the oldest entry. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (!map.has(key) && map.size >= this.max) map.delete(map.keys().next().value!);
    map.set(key, value);
  }
}
