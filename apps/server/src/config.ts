import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { parseDuration, validator } from '@pons/protocol';
import { PonsError } from './platform/errors.js';

const Duration = Type.Integer({ minimum: 1 });

export const ServerConfigSchema = Type.Object(
  {
    dataDir: Type.String({ minLength: 1 }),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** URL agents and browsers use to reach this server; printed in enrollment commands. */
    publicUrl: Type.String({ pattern: '^https://' }),
    /** Extra DNS names or IP addresses for the server certificate. */
    tlsNames: Type.Array(Type.String()),
    databaseUrl: Type.Union([Type.String({ pattern: '^postgres(ql)?://' }), Type.Null()]),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
    pingIntervalMs: Duration,
    /** Pongs an agent may miss before it is declared offline with "network timeout". */
    missedPongsAllowed: Type.Integer({ minimum: 1, maximum: 10 }),
    authTimeoutMs: Duration,
    inventoryIntervalMs: Duration,
    presenceFlushMs: Duration,
    /** How long a command may wait for an offline machine and its answer, unless the request says. */
    commandTtlMs: Duration,
    macBlacklist: Type.Array(Type.String()),
    bans: Type.Object({ maxFailures: Type.Integer({ minimum: 1 }), windowMs: Duration, banMs: Duration }),
    sessions: Type.Object({ idleTimeoutMs: Duration, absoluteTimeoutMs: Duration, cliIdleTimeoutMs: Duration }),
    /** Addresses of reverse proxies whose X-Forwarded-For is believed. */
    trustedProxies: Type.Array(Type.String()),
    /** Audit lines older than this many days are deleted (0 keeps them for ever). */
    auditRetentionDays: Type.Integer({ minimum: 0, maximum: 36_500 }),
    consoleDir: Type.Union([Type.String(), Type.Null()]),
    /** What this process does: serve the API and console, hold agent connections, run housekeeping. */
    roles: Type.Array(Type.Union([Type.Literal('api'), Type.Literal('gateway'), Type.Literal('scheduler')]), {
      minItems: 1,
      uniqueItems: true,
    }),
    /** NATS server joining several server processes (scale-out); null for a single process. */
    natsUrl: Type.Union([Type.String({ pattern: '^(nats|tls)://' }), Type.Null()]),
    /** This process's name among the nodes; a restarted node with the same name takes back its past. */
    nodeName: Type.String({ minLength: 1, maxLength: 200 }),
    nodeHeartbeatMs: Duration,
    /** A node silent for this long is dead: its machines go offline ("server node lost"). */
    nodeDeadAfterMs: Duration,
    /** Worker processes sharing the port (Node's cluster); each holds up to ~19,000 agents here. */
    workers: Type.Integer({ minimum: 1, maximum: 64 }),
    /** Enrol and supervise an agent for this machine (`npm start`). */
    localAgent: Type.Boolean(),
    /** The deployment scheduler's period and how long each waiting or active state may last. */
    deployments: Type.Object({
      tickMs: Duration,
      wolIntervalMs: Duration,
      acceptMs: Duration,
      silenceMs: Duration,
      rebootMs: Duration,
      lostGraceMs: Duration,
      slotRetryMs: Duration,
      /** How often a converging deployment looks for new machines and runs the package check again. */
      convergeEveryMs: Duration,
    }),
    /** Where the server sends Wake-on-LAN magic packets (broadcast addresses of its networks). */
    wakeOnLan: Type.Object({ addresses: Type.Array(Type.String()), port: Type.Integer({ minimum: 1, maximum: 65535 }) }),
    /**
     * Remote sessions: a ping on both sockets of a tunnel every `keepaliveMs` (proxies that cut
     * silent connections after 10 s or more keep it); how long an agent has to open its end (and a
     * user to accept); how long the console or CLI has to connect its end.
     */
    remote: Type.Object({
      keepaliveMs: Duration,
      openTimeoutMs: Duration,
      consentTimeoutMs: Duration,
      clientConnectMs: Duration,
    }),
    /** The largest file a package may hold, in bytes. */
    maxFileBytes: Type.Integer({ minimum: 1 }),
    /** Command that starts `pons` (node + launcher path); needed by the local agent. */
    launcher: Type.Union([Type.Array(Type.String()), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ServerConfig = Static<typeof ServerConfigSchema>;

export const DEFAULT_MAC_BLACKLIST = [
  '00:00:00:00:00:00',
  'ff:ff:ff:ff:ff:ff',
  // Shared by many Fortinet, VPN and virtual adapters; never an identity.
  '00:09:0f:fe:00:01',
  '02:00:4c:4f:4f:50',
];

export function defaultConfig(cwd: string): ServerConfig {
  return {
    dataDir: path.resolve(cwd, 'data'),
    host: '0.0.0.0',
    port: 8443,
    publicUrl: '',
    tlsNames: [],
    databaseUrl: null,
    logLevel: 'info',
    pingIntervalMs: 30_000,
    missedPongsAllowed: 2,
    authTimeoutMs: 10_000,
    inventoryIntervalMs: 86_400_000,
    presenceFlushMs: 100,
    commandTtlMs: 600_000,
    macBlacklist: DEFAULT_MAC_BLACKLIST,
    bans: { maxFailures: 5, windowMs: 600_000, banMs: 600_000 },
    sessions: { idleTimeoutMs: 1_800_000, absoluteTimeoutMs: 43_200_000, cliIdleTimeoutMs: 30 * 86_400_000 },
    trustedProxies: [],
    auditRetentionDays: 365,
    consoleDir: null,
    roles: ['api', 'gateway', 'scheduler'],
    natsUrl: null,
    nodeName: '',
    nodeHeartbeatMs: 5000,
    nodeDeadAfterMs: 20_000,
    workers: 1,
    localAgent: false,
    maxFileBytes: 16 * 1024 ** 3,
    deployments: {
      tickMs: 1000,
      wolIntervalMs: 60_000,
      acceptMs: 120_000,
      silenceMs: 15 * 60_000,
      rebootMs: 30 * 60_000,
      lostGraceMs: 30 * 60_000,
      slotRetryMs: 5000,
      convergeEveryMs: 3_600_000,
    },
    wakeOnLan: { addresses: ['255.255.255.255'], port: 9 },
    remote: { keepaliveMs: 5000, openTimeoutMs: 15_000, consentTimeoutMs: 60_000, clientConnectMs: 30_000 },
    launcher: null,
  };
}

/** Environment variables and the config keys they set. Durations accept `30s`, `10m`, `7d`. */
const ENV: Record<string, { key: string; kind: 'string' | 'int' | 'duration' | 'bool' | 'list' }> = {
  PONS_DATA_DIR: { key: 'dataDir', kind: 'string' },
  PONS_HOST: { key: 'host', kind: 'string' },
  PONS_PORT: { key: 'port', kind: 'int' },
  PONS_PUBLIC_URL: { key: 'publicUrl', kind: 'string' },
  PONS_TLS_NAMES: { key: 'tlsNames', kind: 'list' },
  PONS_DATABASE_URL: { key: 'databaseUrl', kind: 'string' },
  PONS_LOG_LEVEL: { key: 'logLevel', kind: 'string' },
  PONS_PING_INTERVAL: { key: 'pingIntervalMs', kind: 'duration' },
  PONS_MISSED_PONGS: { key: 'missedPongsAllowed', kind: 'int' },
  PONS_AUTH_TIMEOUT: { key: 'authTimeoutMs', kind: 'duration' },
  PONS_INVENTORY_INTERVAL: { key: 'inventoryIntervalMs', kind: 'duration' },
  PONS_COMMAND_TTL: { key: 'commandTtlMs', kind: 'duration' },
  PONS_MAC_BLACKLIST: { key: 'macBlacklist', kind: 'list' },
  PONS_BAN_MAX_FAILURES: { key: 'bans.maxFailures', kind: 'int' },
  PONS_BAN_WINDOW: { key: 'bans.windowMs', kind: 'duration' },
  PONS_BAN_DURATION: { key: 'bans.banMs', kind: 'duration' },
  PONS_SESSION_IDLE_TIMEOUT: { key: 'sessions.idleTimeoutMs', kind: 'duration' },
  PONS_TRUSTED_PROXIES: { key: 'trustedProxies', kind: 'list' },
  PONS_AUDIT_RETENTION_DAYS: { key: 'auditRetentionDays', kind: 'int' },
  PONS_CONSOLE_DIR: { key: 'consoleDir', kind: 'string' },
  PONS_LOCAL_AGENT: { key: 'localAgent', kind: 'bool' },
  PONS_ROLES: { key: 'roles', kind: 'list' },
  PONS_WORKERS: { key: 'workers', kind: 'int' },
  PONS_NATS_URL: { key: 'natsUrl', kind: 'string' },
  PONS_NODE_NAME: { key: 'nodeName', kind: 'string' },
  PONS_NODE_HEARTBEAT: { key: 'nodeHeartbeatMs', kind: 'duration' },
  PONS_NODE_DEAD_AFTER: { key: 'nodeDeadAfterMs', kind: 'duration' },
  PONS_MAX_FILE_BYTES: { key: 'maxFileBytes', kind: 'int' },
  PONS_DEPLOY_TICK: { key: 'deployments.tickMs', kind: 'duration' },
  PONS_DEPLOY_WOL_INTERVAL: { key: 'deployments.wolIntervalMs', kind: 'duration' },
  PONS_DEPLOY_ACCEPT_TIMEOUT: { key: 'deployments.acceptMs', kind: 'duration' },
  PONS_DEPLOY_SILENCE_TIMEOUT: { key: 'deployments.silenceMs', kind: 'duration' },
  PONS_DEPLOY_REBOOT_TIMEOUT: { key: 'deployments.rebootMs', kind: 'duration' },
  PONS_DEPLOY_LOST_GRACE: { key: 'deployments.lostGraceMs', kind: 'duration' },
  PONS_DEPLOY_CONVERGE_EVERY: { key: 'deployments.convergeEveryMs', kind: 'duration' },
  PONS_WOL_ADDRESSES: { key: 'wakeOnLan.addresses', kind: 'list' },
  PONS_WOL_PORT: { key: 'wakeOnLan.port', kind: 'int' },
  PONS_TUNNEL_KEEPALIVE: { key: 'remote.keepaliveMs', kind: 'duration' },
  PONS_TUNNEL_OPEN_TIMEOUT: { key: 'remote.openTimeoutMs', kind: 'duration' },
  PONS_TUNNEL_CONSENT_TIMEOUT: { key: 'remote.consentTimeoutMs', kind: 'duration' },
};

function convert(name: string, raw: string, kind: string): unknown {
  switch (kind) {
    case 'int': {
      if (!/^\d+$/.test(raw.trim())) throw new PonsError('PONS_E_CONFIG', `${name} must be a whole number, got "${raw}".`);
      return Number(raw);
    }
    case 'duration': {
      const ms = parseDuration(raw);
      if (ms === undefined) throw new PonsError('PONS_E_CONFIG', `${name} must be a duration such as 30s, 10m or 7d, got "${raw}".`);
      return ms;
    }
    case 'bool':
      return ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function mergeDeep(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    const bothObjects = value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object';
    out[key] = bothObjects ? mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

export interface ConfigSources {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Values from command-line flags, already typed; they win over everything else. */
  overrides?: Partial<ServerConfig>;
  configFile?: string;
}

/** Builds the configuration once: defaults, then a JSON file, then the environment, then flags. */
export function loadConfig(sources: ConfigSources): ServerConfig {
  let config = defaultConfig(sources.cwd) as unknown as Record<string, unknown>;
  const file = sources.configFile ?? sources.env.PONS_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new PonsError('PONS_E_CONFIG', `Cannot read the configuration file ${file}: ${(error as Error).message}`);
    }
    config = mergeDeep(config, parsed as Record<string, unknown>);
  }
  for (const [name, { key, kind }] of Object.entries(ENV)) {
    const raw = sources.env[name];
    if (raw !== undefined && raw !== '') setPath(config, key, convert(name, raw, kind));
  }
  config = mergeDeep(config, sources.overrides ?? {});
  config.dataDir = path.resolve(sources.cwd, String(config.dataDir));
  if (!config.publicUrl) config.publicUrl = `https://${hostname()}:${String(config.port)}`;
  if (!config.nodeName) config.nodeName = `${hostname()}:${String(config.port)}`;
  const check = validator(ServerConfigSchema).validate(config);
  if (!check.ok) throw new PonsError('PONS_E_CONFIG', `Invalid configuration: ${check.message}.`);
  return { ...check.value, macBlacklist: check.value.macBlacklist.map((m) => m.toLowerCase()) };
}
