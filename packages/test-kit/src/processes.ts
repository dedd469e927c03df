import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient } from './api-client.js';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

// Three levels up from packages/test-kit/src (or dist): the repository root.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const LAUNCHER = path.join(ROOT, 'bin/pons.mjs');

/** Every child started by a test, so that a failing test still leaves nothing running. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function pons(args: string[], env: Record<string, string>, label: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
    if (process.env.PONS_TEST_VERBOSE) process.stderr.write(`[${label}] ${chunk.toString('utf8')}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export interface ServerOptions {
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Another server's data directory whose CA and command key this one shares (scale-out nodes). */
  pkiFrom?: string;
}

/** A real `pons server` process on a free port with its own data directory. */
export class ServerProcess {
  child!: ChildProcess;
  output!: () => string;
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-server-'));
  port = 0;
  caPem = '';
  caFingerprint = '';
  bootstrapPassword = '';

  constructor(private readonly options: ServerOptions = {}) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    if (this.options.pkiFrom && !existsSync(path.join(this.dataDir, 'pki/ca.pem'))) {
      mkdirSync(path.join(this.dataDir, 'pki'), { recursive: true, mode: 0o700 });
      for (const file of ['ca.pem', 'ca.key', 'command.key', 'download.key', 'secrets.key'])
        if (existsSync(path.join(this.options.pkiFrom, 'pki', file)))
          copyFileSync(path.join(this.options.pkiFrom, 'pki', file), path.join(this.dataDir, 'pki', file));
    }
    const env: Record<string, string> = {
      PONS_DATA_DIR: this.dataDir,
      PONS_PORT: String(this.port),
      PONS_HOST: '127.0.0.1',
      PONS_PUBLIC_URL: `https://127.0.0.1:${this.port}`,
      PONS_LOG_LEVEL: 'info',
      ...(this.options.databaseUrl ? { PONS_DATABASE_URL: this.options.databaseUrl } : {}),
      ...this.options.env,
    };
    ({ child: this.child, output: this.output } = pons(['server'], env, `server:${this.port}`));
    const died = exited(this.child).then((code) => {
      throw new Error(`server exited with ${code} before it was ready:\n${this.output()}`);
    });
    // The start-up banner is printed once the server listens, whatever the log level.
    await Promise.race([died, waitFor('the server to listen', () => /CA fingerprint\s+sha256:/.test(this.output()), 60_000)]);
    died.catch(() => undefined);
    this.caPem = readFileSync(path.join(this.dataDir, 'pki/ca.pem'), 'utf8');
    this.caFingerprint = /CA fingerprint\s+(sha256:[0-9a-f]{64})/.exec(this.output())?.[1] ?? '';
    const passwordFile = path.join(this.dataDir, 'bootstrap-password.txt');
    if (existsSync(passwordFile)) this.bootstrapPassword = readFileSync(passwordFile, 'utf8').trim();
    return this;
  }

  api(): ApiClient {
    return new ApiClient(this.url, this.caPem);
  }

  /** SIGTERM and wait: the server closes agent connections and stops cleanly. */
  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await exited(this.child);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await exited(this.child);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server the way an operator would (so it stops its local agent), then cleans up. */
  async dispose(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.stop();
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface AgentOptions {
  server: string;
  token?: string;
  caFingerprint?: string;
  hostname?: string;
  args?: string[];
  env?: Record<string, string>;
  stateDir?: string;
}

/** A real `pons agent` process with its own state directory. */
export class AgentProcess {
  readonly stateDir: string;
  child!: ChildProcess;
  output!: () => string;

  constructor(private readonly options: AgentOptions) {
    this.stateDir = options.stateDir ?? mkdtempSync(path.join(tmpdir(), 'pons-e2e-agent-'));
  }

  start(extraArgs: string[] = []): this {
    const args = [
      'agent',
      '--server',
      this.options.server,
      '--state-dir',
      this.stateDir,
      '--identity',
      'generated',
      '--log-level',
      'debug',
    ];
    if (this.options.token) args.push('--token', this.options.token);
    if (this.options.caFingerprint) args.push('--ca-fingerprint', this.options.caFingerprint);
    if (this.options.hostname) args.push('--hostname', this.options.hostname);
    ({ child: this.child, output: this.output } = pons(
      [...args, ...(this.options.args ?? []), ...extraArgs],
      this.options.env ?? {},
      `agent:${this.options.hostname ?? ''}`,
    ));
    return this;
  }

  get machineId(): string | null {
    const file = path.join(this.stateDir, 'agent.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { machineId: string | null }).machineId : null;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  exitCode(): Promise<number | null> {
    return exited(this.child);
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return exited(this.child);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await exited(this.child);
  }

  freeze(): void {
    this.child.kill('SIGSTOP');
  }

  thaw(): void {
    this.child.kill('SIGCONT');
  }

  async dispose(): Promise<void> {
    if (this.child && this.running) {
      this.thaw();
      await this.kill();
    }
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
