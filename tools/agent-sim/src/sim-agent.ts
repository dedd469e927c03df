import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AgentConnection, CommandGuard } from '@pons/agent-link';
import { publicKeyOf, rawPublicKey } from '@pons/crypto';
import type { CommandTarget } from './command-desk.js';

/**
 * What one simulated agent keeps: a handful of fields and its connection. Hostname, identity and
 * facts derive from its number; timers, the CA and the command key are shared by the process.
 */
export class SimAgent implements CommandTarget {
  machineId: string | null = null;
  guard: CommandGuard | null = null;
  connection: AgentConnection | null = null;
  /** Consecutive failures: the backoff exponent, and what --attempts limits. */
  attempt = 0;
  connectedAt = 0;
  everConnected = false;
  private privateKey: KeyObject | null = null;
  private publicKey: string | null = null;

  constructor(
    readonly slot: number,
    readonly index: number,
    saved?: { machineId: string; privateKey: KeyObject },
  ) {
    if (saved) {
      this.machineId = saved.machineId;
      this.privateKey = saved.privateKey;
    }
  }

  /** The agent's key pair, made on first use so that a large fleet does not start with a pause. */
  key(): { privateKey: KeyObject; publicKey: string } {
    if (!this.privateKey) {
      const pair = generateKeyPairSync('ed25519');
      this.privateKey = pair.privateKey;
      this.publicKey = rawPublicKey(pair.publicKey);
    }
    this.publicKey ??= publicKeyOf(this.privateKey);
    return { privateKey: this.privateKey, publicKey: this.publicKey };
  }

  get enrolledKey(): KeyObject | null {
    return this.machineId ? this.privateKey : null;
  }

  /** The server no longer knows this machine: enrol again as a new one, with a new key. */
  forget(): void {
    this.machineId = null;
    this.guard = null;
    this.privateKey = null;
    this.publicKey = null;
  }
}
