import type { KeyObject } from 'node:crypto';
import { importPublicKey, KnownNodes, verifyText } from '@pons/crypto';

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
    if (!seen && this.verdicts.size >= this.max) this.verdicts.delete(this.verdicts.keys().next().value!);
    this.verdicts.set(signature, { text, valid });
    return valid;
  }
}
