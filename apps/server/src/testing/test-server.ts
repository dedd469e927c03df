import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AgentConnection, fetchPinnedCa } from '@pons/agent-link';
import { generateEd25519, loadPrivateKey } from '@pons/crypto';
import type { AgentFacts } from '@pons/protocol';
import { ApiClient, createTestDatabase } from '@pons/test-kit';
import { loadConfig, type ServerConfig } from '../config.js';
import type { Clock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { startServer, type RunningServer } from '../server.js';

export type Backend = 'sqlite' | 'postgres';

export interface TestAgent {
  connection: AgentConnection;
  machineId: string;
  key: { privateKey: ReturnType<typeof loadPrivateKey>; publicKey: string };
  generatedId: string;
}

export function facts(hostname: string, extra: Partial<AgentFacts> = {}): AgentFacts {
  return {
    hostname,
    platform: 'linux',
    osName: 'Debian GNU/Linux',
    osVersion: '12 (bookworm)',
    arch: 'x64',
    ipAddresses: ['10.0.0.5'],
    macAddresses: ['52:54:00:12:34:56'],
    ...extra,
  };
}

/**
 * A real server in this process: real TLS on a free port, real SQLite in a temp directory or a
 * fresh PostgreSQL database, fast pings. Agents connect with the real agent-link client.
 */
export class TestServer {
  server!: RunningServer;
  api!: ApiClient;
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'pons-int-'));
  private dropDatabase: (() => Promise<void>) | null = null;

  constructor(
    readonly backend: Backend,
    private readonly overrides: Partial<ServerConfig> = {},
    /** A clock the test moves (bans, idle timeouts, TOTP steps); the system clock otherwise. */
    private readonly clock?: Clock,
  ) {}

  private databaseUrl: string | null = null;

  async start(): Promise<this> {
    if (this.backend === 'postgres' && !this.dropDatabase) {
      const database = await createTestDatabase();
      this.databaseUrl = database.url;
      this.dropDatabase = database.drop;
    }
    const databaseUrl = this.databaseUrl;
    const config = loadConfig({
      cwd: this.dataDir,
      env: {},
      overrides: {
        dataDir: this.dataDir,
        host: '127.0.0.1',
        port: 0,
        publicUrl: 'https://127.0.0.1:0',
        databaseUrl,
        pingIntervalMs: 500,
        presenceFlushMs: 20,
        logLevel: 'silent',
        ...this.overrides,
      },
    });
    this.server = await startServer(config, {
      logger: createLogger(process.env.PONS_TEST_LOG ?? 'silent'),
      processMetrics: false,
      ...(this.clock ? { clock: this.clock } : {}),
    });
    this.api = new ApiClient(this.server.url, this.server.caPem);
    return this;
  }

  /** Stops the server and starts it again on the same data (on a new port); log in again after. */
  async restart(): Promise<this> {
    await this.server.stop();
    return this.start();
  }

  get url(): string {
    return this.server.url;
  }

  /** Logs in as the bootstrap admin and sets a permanent password. */
  async admin(): Promise<ApiClient> {
    if (this.server.bootstrapPassword) await this.api.loginAsNewAdmin(this.server.bootstrapPassword);
    else await this.api.login('admin', 'Test-Password-2026!');
    return this.api;
  }

  /**
   * A local user holding these roles (created by the admin, who must be logged in on `api`), logged
   * in with their own client after the first-login password change.
   */
  async userClient(username: string, roles: Array<{ entity: string; profile: string }>): Promise<ApiClient> {
    const initial = `Initial-${username.split('').reverse().join('')}-Pass-1!`;
    await this.api.call('POST', '/api/v1/users', { username, password: initial, roles });
    const client = new ApiClient(this.server.url, this.server.caPem);
    await client.login(username, initial);
    await client.call('POST', '/api/v1/auth/password', { currentPassword: initial, newPassword: TestServer.userPassword(username) });
    return client;
  }

  static userPassword(username: string): string {
    return `Chosen-${username.length}-Pass-${username.charCodeAt(0)}!`;
  }

  async token(options: { maxUses?: number; expiresInMs?: number; entity?: string } = {}): Promise<string> {
    return (await this.api.createToken({ maxUses: 10, ...options })).token;
  }

  async enroll(
    token: string,
    hostname: string,
    identity: { smbiosUuid?: string; serial?: string; generatedId?: string } = {},
    extraFacts: Partial<AgentFacts> = {},
  ): Promise<TestAgent> {
    const key = generateEd25519();
    const privateKey = loadPrivateKey(key.privateKeyPem);
    const caPem = await fetchPinnedCa(this.url, this.server.caFingerprint);
    const generatedId = identity.generatedId ?? randomUUID();
    const connection = await AgentConnection.open({
      serverUrl: this.url,
      caPem,
      key: { privateKey, publicKey: key.publicKey },
      auth: { kind: 'enroll', token, identity: { ...identity, generatedId } },
      facts: facts(hostname, extraFacts),
      agentVersion: 'test',
    });
    return { connection, machineId: connection.welcome.machineId, key: { privateKey, publicKey: key.publicKey }, generatedId };
  }

  /** A new connection for an enrolled agent, speaking `protocol` (default: this release's). */
  async reconnect(agent: TestAgent, hostname: string, protocol?: number): Promise<AgentConnection> {
    return AgentConnection.open({
      serverUrl: this.url,
      caPem: this.server.caPem,
      key: agent.key,
      auth: { kind: 'hello', machineId: agent.machineId },
      facts: facts(hostname),
      agentVersion: 'test',
      ...(protocol === undefined ? {} : { protocol }),
    });
  }

  async machineCount(): Promise<number> {
    const row = await this.server.database.db
      .selectFrom('machines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async dispose(): Promise<void> {
    await this.server?.stop();
    await this.dropDatabase?.();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
