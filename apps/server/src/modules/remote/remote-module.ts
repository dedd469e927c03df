import type { WakeResponse } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { AuditSink } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import type { Upgrades } from '../../platform/http/upgrades.js';
import type { Logger } from '../../platform/logger.js';
import type { Metrics } from '../../platform/metrics.js';
import type { WakeOnLanOptions } from '@pons/agent-link';
import type { CommandsService } from '../commands/index.js';
import type { EntityTree } from '../identity/index.js';
import type { InventoryService } from '../inventory/index.js';
import type { MachinesService } from '../machines/index.js';
import { FileTransfers } from './file-transfer.js';
import { RemoteSettingsService } from './remote-settings.js';
import { remoteRoutes } from './remote.routes.js';
import { RemoteService } from './remote.service.js';
import { TunnelBroker } from './tunnel-broker.js';
import { TunnelRecorder } from './tunnel-recorder.js';
import { WakeService } from './wake.service.js';

export interface RemoteConfig {
  keepaliveMs: number;
  openTimeoutMs: number;
  consentTimeoutMs: number;
  clientConnectMs: number;
}

export interface RemoteDeps {
  db: Db;
  clock: Clock;
  machines: MachinesService;
  commands: CommandsService;
  inventory: InventoryService;
  entities: () => Promise<EntityTree>;
  audit: AuditSink;
  wakeOnLan: WakeOnLanOptions;
  config: RemoteConfig;
  /** This node's URL when several nodes share the agents (the agent must bring its tunnel here). */
  nodeUrl: () => string | null;
  metrics: Metrics;
  log: Logger;
}

export interface RemoteModule {
  broker: TunnelBroker;
  routes(app: App): void;
  attach(upgrades: Upgrades): void;
  /** Wake-on-LAN for a module acting on its own (a deployment's scheduler). */
  wake(machineId: string, by: string): Promise<WakeResponse>;
  stop(): void;
}

/** Remote desktop, terminal, port forwards and files through tunnels; Wake-on-LAN. */
export function buildRemote(deps: RemoteDeps): RemoteModule {
  const { config } = deps;
  const broker = new TunnelBroker(
    { keepaliveMs: config.keepaliveMs, clientConnectMs: config.clientConnectMs, agentReadyMs: config.openTimeoutMs },
    async (machineId) => (await deps.machines.credentials(machineId))?.public_key,
    new TunnelRecorder(deps.audit, deps.log, deps.metrics),
    deps.log,
  );
  const settings = new RemoteSettingsService(deps.db, deps.clock, deps.entities);
  const remote = new RemoteService(deps.machines, deps.commands, broker, settings, deps.clock, config, deps.nodeUrl);
  const files = new FileTransfers(remote);
  const wake = new WakeService(deps.machines, deps.inventory, deps.commands, deps.wakeOnLan, deps.log);
  return {
    broker,
    routes: (app) => remoteRoutes(app, { remote, files, wake, settings }),
    attach: (upgrades) => broker.attach(upgrades),
    wake: (machineId, by) => wake.wakeForDeployment(machineId, by),
    stop: () => broker.stop(),
  };
}
