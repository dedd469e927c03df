import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ServerConfig } from './config.js';
import { AgentGateway } from './gateway/agent-gateway.js';
import { BruteForceGuard, type BanKind } from './platform/brute-force.js';
import type { AuditRecord } from './platform/http/audit-hook.js';
import { LocalBus, type Bus } from './platform/bus.js';
import { NatsBus } from './platform/nats-bus.js';
import { startHousekeeping, type Housekeeping } from './housekeeping.js';
import { NodesService } from './modules/nodes/index.js';
import { systemClock, type Clock } from './platform/clock.js';
import { ensureCommandKey } from './platform/crypto/command-key.js';
import { ensureTicketKeys, TICKET_LIFETIME_S } from './platform/crypto/pki.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { forgetBootstrapPassword, prepareInstallation } from './install.js';
import { registerConsole } from './platform/http/console-static.js';
import { eventStreams } from './platform/http/event-stream.js';
import { createHttpApp, type App } from './platform/http/http-app.js';
import { createLogger, type Logger } from './platform/logger.js';
import { Metrics } from './platform/metrics.js';
import { LocalAgentSupervisor } from './platform/local-agent.js';
import { EnrollmentService, enrollmentRoutes } from './modules/enrollment/index.js';
import { buildIdentity } from './modules/identity/index.js';
import { AuditLog, auditRoutes } from './modules/audit/index.js';
import { SecretsBox } from './platform/crypto/secrets-box.js';
import { CommandsService, commandsRoutes } from './modules/commands/index.js';
import { buildRemote } from './modules/remote/index.js';
import { Upgrades } from './platform/http/upgrades.js';
import { InventoryService, inventoryRoutes } from './modules/inventory/index.js';
import { liveRoutes } from './modules/live/live.routes.js';
import { MachinesService, PresenceWriter, machinesExportRoutes, machinesRoutes } from './modules/machines/index.js';
import { PackagesService, packagesRoutes } from './modules/packages/index.js';
import { FileStore } from './platform/file-store.js';
import { GroupsService, groupsRoutes } from './modules/groups/index.js';
import { DownloadTokens } from './platform/crypto/download-tokens.js';
import {
  agentFilesRoute,
  Convergence,
  DeploymentScheduler,
  DeploymentsService,
  deploymentsRoutes,
  JobReports,
  TargetMover,
} from './modules/deployments/index.js';
import { registerOpenApi } from './modules/system/openapi.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { SERVER_VERSION } from './version.js';

export interface ServerOptions {
  logger?: Logger;
  clock?: Clock;
  /** Collect Node process metrics (off in tests that run several servers in one process). */
  processMetrics?: boolean;
  /** The bus to use instead of the configured one (the workers of `--workers` use IPC). */
  bus?: (nodeId: string, onError: (error: unknown, topic: string) => void) => Bus;
}

export interface RunningServer {
  url: string;
  port: number;
  caFingerprint: string;
  caPem: string;
  /** Set on the first start only, until the admin chooses a password. */
  bootstrapPassword: string | null;
  app: App;
  gateway: AgentGateway;
  commands: CommandsService;
  nodeId: string;
  housekeeping: Housekeeping;
  database: DatabaseHandle;
  databaseDescribe: string;
  bus: Bus;
  /** `exiting`: the process exits right after (the kernel closes the agents' sockets). */
  stop(options?: { exiting?: boolean }): Promise<void>;
}

function serverIdentityInfo(identity: { url: string; caFingerprint: string }) {
  return {
    version: SERVER_VERSION,
    get caFingerprint() {
      return identity.caFingerprint;
    },
    get url() {
      return identity.url;
    },
  };
}

/** Builds every part of the server from its configuration and starts listening. */
export async function startServer(config: ServerConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const { database, pki, bootstrapPassword, passwordFile } = await prepareInstallation(config, clock, log);
  const commandKey = ensureCommandKey(config.dataDir);
  const metrics = new Metrics({ processMetrics: options.processMetrics ?? true });
  const nodeId = randomUUID();
  const onBusError = (error: unknown, topic: string) => log.error({ err: error, topic }, 'event handler failed');
  const bus: Bus =
    options.bus?.(nodeId, onBusError) ??
    (config.natsUrl ? await NatsBus.connect(config.natsUrl, nodeId, log) : new LocalBus(nodeId, onBusError));
  // The tree is read through the identity module, built just below (the audit log needs it only when queried).
  const entities = () => identityModule.identity.entityTree();
  const audit = new AuditLog(database.db, clock, entities);
  const guard = new BruteForceGuard(config.bans, clock, log, (kind, key, what) => {
    metrics.bans.inc();
    void audit.record(banLine(kind, key, what)).catch((error: unknown) => log.error({ err: error }, 'audit line not written'));
  });
  bus.subscribe('auth.failure', ({ origin, ...failure }) => guard.countShared(failure, origin === nodeId));
  guard.shareWith((failure) => bus.publish('auth.failure', { ...failure, origin: nodeId }));
  // The URL is final only once the port is known (tests listen on port 0).
  const serverIdentity = { url: config.publicUrl, caFingerprint: pki.caFingerprint };
  const identityModule = buildIdentity({
    db: database.db,
    clock,
    log,
    guard,
    audit,
    secrets: SecretsBox.open(config.dataDir),
    sessions: config.sessions,
    publicUrl: () => serverIdentity.url,
    onPasswordChanged: (username) => {
      if (username === 'admin') forgetBootstrapPassword(passwordFile);
    },
  });
  const authenticator = identityModule.sessions;
  const presence = new PresenceWriter(database.db, bus, log, metrics, config.presenceFlushMs);
  const machines = new MachinesService(database.db, clock, bus, presence, entities, new Set(config.macBlacklist));
  const commands = new CommandsService(database.db, clock, bus, machines, log, config.presenceFlushMs, config.commandTtlMs);
  const inventory = new InventoryService(database.db, clock, machines, commands, log);
  const packages = new PackagesService(
    database.db,
    clock,
    new FileStore(path.join(config.dataDir, 'files')),
    entities,
    config.maxFileBytes,
  );
  const groups = new GroupsService(database.db, clock, machines, entities);
  const downloadTokens = DownloadTokens.open(config.dataDir);
  const mover = new TargetMover(database.db, clock, bus, config.deployments);
  let deploymentScheduler: DeploymentScheduler | null = null;
  const deployments = new DeploymentsService(
    database.db,
    clock,
    packages,
    machines,
    commands,
    mover,
    downloadTokens,
    entities,
    groups,
    () => void deploymentScheduler?.tick(),
    log,
  );
  const jobs = new JobReports(database.db, clock, mover, async (id) => (await deployments.job(id)).descriptor.sequences, log);

  const app = createHttpApp({
    logger: log,
    metrics,
    tls: { cert: pki.certChainPem, key: pki.keyPem, ticketKeys: pki.ticketKeys, ticketLifetimeS: TICKET_LIFETIME_S },
    trustedProxies: config.trustedProxies,
    authenticator,
    audit,
  });
  const remote = buildRemote({
    db: database.db,
    clock,
    machines,
    commands,
    inventory,
    entities,
    audit,
    wakeOnLan: config.wakeOnLan,
    config: config.remote,
    nodeUrl: () => (config.natsUrl ? serverIdentity.url : null),
    metrics,
    log,
  });
  const enrollment = new EnrollmentService(database.db, clock, machines, entities, serverIdentity, log, audit);
  const roles = new Set(config.roles);
  const gateway = new AgentGateway(config, {
    nodeId,
    enrollment,
    machines,
    inventory,
    commands,
    jobs,
    commandKey,
    guard,
    metrics,
    log,
    clock,
  });
  if (roles.has('gateway')) commands.useDelivery(gateway.carrier);
  const nodes = new NodesService(
    database.db,
    clock,
    { id: nodeId, name: config.nodeName, roles: config.roles, url: config.publicUrl },
    config.nodeDeadAfterMs,
    log,
  );
  // Machines left online by an earlier run of this node (a crash, a kill) are offline until they reconnect.
  const stale = await machines.releaseNodes(await nodes.register(), 'server-restarted', true);
  if (stale.length > 0)
    log.info({ machines: stale.length }, 'machines left online by the previous run are now offline until they reconnect');

  await registerOpenApi(app, SERVER_VERSION);
  systemRoutes(app, {
    metrics,
    probe: { database: () => database.ping(), agentsConnected: () => gateway.connectedCount },
    info: serverIdentityInfo(serverIdentity),
  });
  if (roles.has('api')) {
    identityModule.routes(app);
    auditRoutes(app, audit);
    machinesRoutes(app, machines);
    machinesExportRoutes(app, machines, entities);
    inventoryRoutes(app, inventory);
    enrollmentRoutes(app, enrollment);
    commandsRoutes(app, commands);
    packagesRoutes(app, packages);
    groupsRoutes(app, groups);
    const streams = eventStreams(app, authenticator);
    liveRoutes(app, bus, streams);
    deploymentsRoutes(app, deployments, bus, streams);
    remote.routes(app);
    await registerConsole(app, config.consoleDir);
  }

  const upgrades = new Upgrades(app.server);
  if (roles.has('gateway')) {
    agentFilesRoute(app, deployments);
    gateway.attach(upgrades);
  }
  // A tunnel's two ends meet on the node that opened it: the api role's routes and both sockets.
  if (roles.has('api')) remote.attach(upgrades);
  if (roles.has('scheduler')) {
    deploymentScheduler = new DeploymentScheduler({
      db: database.db,
      clock,
      bus,
      mover,
      commands,
      tokens: downloadTokens,
      job: (id) => deployments.job(id),
      wake: (machineId) => remote.wake(machineId, 'deployments'),
      tickMs: config.deployments.tickMs,
      convergence: new Convergence({
        db: database.db,
        clock,
        machines,
        commands,
        mover,
        checks: async (id) => (await deployments.job(id)).descriptor.checks,
        groupMembers: (groupId) => groups.memberIds(groupId),
        everyMs: config.deployments.convergeEveryMs,
        log,
      }),
      log,
    });
    deploymentScheduler.start();
  }
  // A server that runs for weeks still replaces its session-ticket key when it is 7 days old (and
  // takes up the one another process on this data directory made).
  let ticketKeys = pki.ticketKeys;
  const ticketTimer = setInterval(() => {
    const current = ensureTicketKeys(path.join(config.dataDir, 'pki'));
    if (!current.equals(ticketKeys)) app.server.setTicketKeys((ticketKeys = current));
  }, 3_600_000);
  ticketTimer.unref();
  await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  const url = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${port}`) : config.publicUrl;
  serverIdentity.url = url;
  log.info({ url, database: database.describe, caFingerprint: pki.caFingerprint }, 'pons server listening');

  const localAgent =
    config.localAgent && config.launcher
      ? new LocalAgentSupervisor({
          launcher: config.launcher,
          dataDir: config.dataDir,
          serverUrl: `https://127.0.0.1:${port}`,
          caFingerprint: pki.caFingerprint,
          createToken: () => enrollment.createInternalToken('local agent'),
          log,
        })
      : null;
  await localAgent?.start();

  const housekeeping = startHousekeeping({
    nodes,
    machines,
    commands,
    scheduler: roles.has('scheduler'),
    intervalMs: config.nodeHeartbeatMs,
    now: () => clock.now(),
    ...(config.auditRetentionDays > 0 ? { pruneAudit: () => audit.prune(clock.now() - config.auditRetentionDays * 86_400_000) } : {}),
    log,
  });

  let stopped = false;
  return {
    url,
    port,
    caFingerprint: pki.caFingerprint,
    caPem: pki.caPem,
    bootstrapPassword,
    app,
    gateway,
    commands,
    nodeId,
    housekeeping,
    database,
    databaseDescribe: database.describe,
    bus,
    async stop(options: { exiting?: boolean } = {}) {
      if (stopped) return;
      stopped = true;
      // Each step timed: a slow stop delays the restart every agent is waiting for.
      const took: Record<string, number> = {};
      const details: Record<string, unknown> = {};
      const step = async (name: string, run: () => Promise<unknown>) => {
        const started = performance.now();
        const parts = await run();
        took[name] = Math.round(performance.now() - started);
        if (parts && typeof parts === 'object') details[name] = parts;
      };
      await step('localAgent', async () => localAgent?.stop());
      clearInterval(ticketTimer);
      await step('housekeeping', () => housekeeping.stop());
      await step('deployments', async () => deploymentScheduler?.stop());
      await step('tunnels', () => Promise.resolve(remote.stop()));
      await step('gateway', () => gateway.stop(options));
      await step('presence', () => presence.stop());
      await step('outcomes', () => commands.outcomes.stop());
      await step('nodes', () => nodes.stop());
      // An exiting process does not wait for HTTP connections (the agents' among them) to close.
      if (!options.exiting) await step('http', () => app.close());
      await step('bus', () => bus.close());
      const total = Object.values(took).reduce((a, b) => a + b, 0);
      if (total > 5000) log.warn({ ms: took, details }, `stopping took ${(total / 1000).toFixed(1)} s`);
      else log.info({ ms: took, details }, 'stopped');
      await database.close();
    },
  };
}

function banLine(kind: BanKind, key: string, what: string): AuditRecord {
  return {
    actor: kind === 'account' ? key : null,
    actorId: null,
    address: kind === 'address' ? key : null,
    action: 'auth.ban',
    objectType: kind,
    objectId: key,
    objectName: null,
    entityId: null,
    outcome: 'success',
    errorCode: null,
    details: { after: what },
  };
}
