import cluster, { type Worker } from 'node:cluster';
import type { ServerConfig } from './config.js';
import { prepareInstallation } from './install.js';
import { systemClock } from './platform/clock.js';
import { isIpcBusMessage } from './platform/ipc-bus.js';
import { LocalAgentSupervisor } from './platform/local-agent.js';
import { createInternalToken } from './modules/enrollment/index.js';
import type { Logger } from './platform/logger.js';

export interface ClusterStart {
  caFingerprint: string;
  bootstrapPassword: string | null;
  databaseDescribe: string;
  stop(): Promise<void>;
}

/**
 * `pons server --workers N`: the primary process prepares the installation once, starts N worker
 * processes that share the port (Node's cluster hands each new connection to one of them), relays
 * the bus between them, restarts a worker that dies, and runs the local agent. Each worker is a
 * full node with its own open-file limit, so one machine holds several times what one process can.
 */
export async function startCluster(config: ServerConfig, log: Logger): Promise<ClusterStart> {
  const installation = await prepareInstallation(config, systemClock, log);
  const databaseDescribe = installation.database.describe;

  const byNode = new Map<string, Worker>();
  let stopping = false;
  cluster.on('message', (worker, message: unknown) => {
    if (!isIpcBusMessage(message)) return;
    if (message.kind === 'hello') byNode.set(message.nodeId, worker);
    else if (message.kind === 'event') for (const w of Object.values(cluster.workers ?? {})) w?.send(message);
    else byNode.get(message.nodeId)?.send(message);
  });

  const fork = (index: number): Promise<void> =>
    new Promise((resolve) => {
      const worker = cluster.fork({ PONS_WORKER_INDEX: String(index) });
      worker.once('listening', () => resolve());
      worker.once('exit', (code, signal) => {
        for (const [node, w] of byNode) if (w === worker) byNode.delete(node);
        if (stopping) return;
        log.error({ worker: index, code, signal }, 'worker died; starting a new one');
        setTimeout(() => void fork(index), 1000).unref();
      });
    });
  await Promise.all(Array.from({ length: config.workers }, (_, i) => fork(i)));

  const localAgent =
    config.localAgent && config.launcher
      ? new LocalAgentSupervisor({
          launcher: config.launcher,
          dataDir: config.dataDir,
          serverUrl: `https://127.0.0.1:${config.port}`,
          caFingerprint: installation.pki.caFingerprint,
          createToken: () => createInternalToken(installation.database.db, systemClock, 'local agent'),
          log,
        })
      : null;
  await localAgent?.start().catch((error: unknown) => log.warn({ err: error }, 'local agent not started'));

  return {
    caFingerprint: installation.pki.caFingerprint,
    bootstrapPassword: installation.bootstrapPassword,
    databaseDescribe,
    async stop() {
      stopping = true;
      await localAgent?.stop();
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (!worker || worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
      await installation.database.close();
    },
  };
}
