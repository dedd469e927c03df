import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AgentConnection, CommandGuard } from '@pons/agent-link';
import { publicKeyOf } from '@pons/crypto';
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
  /** The last TLS session the server offered, resumed at the next connect as the agent does. */
  tlsSession: Buffer | null = null;
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

  /**
   * The agent's key pair, made on first use so that a large fleet does not start with a pause.
   * The public key comes out of the generation itself as SPKI DER (its last 32 bytes are the raw
   * key): exporting a freshly generated key as JWK deadlocks Node 20 now and then (a GC during the
   * export runs the key-generation job's destructor, which takes the lock the export holds), which
   * froze a simulator after some 10^5 keys.
   */
  key(): { privateKey: KeyObject; publicKey: string } {
    if (!this.privateKey) {
      const pair = generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' } });
      this.privateKey = pair.privateKey;
      // @types/node types only the overload with both encodings; the public key here is a Buffer.
      this.publicKey = (pair.publicKey as unknown as Buffer).subarray(-32).toString('base64url');
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
