import { randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateEd25519, loadPrivateKey, publicKeyOf } from '@pons/crypto';

/** What the agent remembers between runs. The private key lives in its own 0600 file. */
export interface StoredState {
  version: 1;
  /** The servers to connect to, in the order of preference; the agent rotates on failure. */
  servers: string[];
  caFingerprint: string;
  /** Generated once; the machine's identity when SMBIOS is unreadable or not to be trusted. */
  generatedId: string;
  machineId: string | null;
  /** The server's command-signing key, pinned at enrollment. */
  commandKey: string | null;
  lastInventoryAt: number | null;
}

function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}

export class AgentState {
  private constructor(
    private readonly dir: string,
    public data: StoredState,
    readonly privateKey: KeyObject,
    readonly publicKey: string,
  ) {}

  static exists(dir: string): boolean {
    return existsSync(path.join(dir, 'agent.json'));
  }

  /** Loads the state, or creates a new key and generated id when there is none yet. */
  static open(dir: string, initial: { servers: string[]; caFingerprint: string }): AgentState {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keyFile = path.join(dir, 'agent.key');
    if (!existsSync(keyFile)) writeAtomic(keyFile, generateEd25519().privateKeyPem, 0o600);
    const privateKey = loadPrivateKey(readFileSync(keyFile, 'utf8'));
    const stateFile = path.join(dir, 'agent.json');
    const stored = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as StoredState & { serverUrl?: string }) : null;
    // State written before server lists existed kept one `serverUrl`.
    if (stored && !stored.servers) stored.servers = stored.serverUrl ? [stored.serverUrl] : initial.servers;
    const data: StoredState = stored ?? {
      version: 1,
      ...initial,
      generatedId: randomUUID(),
      machineId: null,
      commandKey: null,
      lastInventoryAt: null,
    };
    const state = new AgentState(dir, data, privateKey, publicKeyOf(privateKey));
    state.save();
    return state;
  }

  save(): void {
    writeAtomic(path.join(this.dir, 'agent.json'), `${JSON.stringify(this.data, null, 2)}\n`, 0o600);
  }

  update(patch: Partial<StoredState>): void {
    this.data = { ...this.data, ...patch };
    this.save();
  }

  get caPem(): string | null {
    const file = path.join(this.dir, 'ca.pem');
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  set caPem(pem: string | null) {
    if (pem) writeAtomic(path.join(this.dir, 'ca.pem'), pem, 0o644);
  }
}
