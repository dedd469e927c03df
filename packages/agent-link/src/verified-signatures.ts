import type { KeyObject } from 'node:crypto';
import { importPublicKey, verifyText } from '@pons/crypto';

/**
 * Verdicts on exact signed texts under one key, so that bytes already verified in this process
 * are not verified again: a command signed once for many machines reaches every simulated agent
 * of a process with the same signed text (each agent still checks its own proof and address).
 */
export class VerifiedSignatures {
  private readonly verdicts = new Map<string, boolean>();
  private readonly key: KeyObject | null;
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
    const id = `${signature}\n${text}`;
    let verdict = this.verdicts.get(id);
    if (verdict === undefined) {
      verdict = verifyText(this.key, text, signature);
      this.verifications++;
      if (this.verdicts.size >= this.max) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(id, verdict);
    }
    return verdict;
  }
}
