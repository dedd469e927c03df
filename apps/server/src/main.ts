import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { loadConfig, type ServerConfig } from './config.js';
import { isPonsError } from './platform/errors.js';
import { createLogger, type Logger } from './platform/logger.js';
import { IpcBus } from './platform/ipc-bus.js';
import { startCluster } from './cluster.js';
import { startServer } from './server.js';

const USAGE = `Usage: pons server [options]

  --port <n>            HTTPS port (default 8443, env PONS_PORT)
  --host <addr>         address to listen on (default 0.0.0.0, env PONS_HOST)
  --data-dir <dir>      data directory (default ./data, env PONS_DATA_DIR)
  --database-url <url>  postgres://... to use PostgreSQL instead of SQLite (env PONS_DATABASE_URL)
  --public-url <url>    URL agents and browsers use (env PONS_PUBLIC_URL)
  --config <file>       JSON configuration file (env PONS_CONFIG)
  --log-level <level>   fatal|error|warn|info|debug|trace (env PONS_LOG_LEVEL)
  --role <roles>        api,gateway,scheduler (default: all; env PONS_ROLES)
  --nats-url <url>      nats://... to join other server processes (env PONS_NATS_URL)
  --workers <n>         worker processes sharing the port (env PONS_WORKERS; default 1)
  --local-agent         also enrol and run an agent for this machine
`;

function banner(lines: Array<[string, string]>): string {
  const width = Math.max(...lines.map(([k]) => k.length));
  return ['', '  Pons is running.', '', ...lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), ''].join('\n') + '\n';
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'public-url': { type: 'string' },
      config: { type: 'string' },
      'log-level': { type: 'string' },
      'local-agent': { type: 'boolean' },
      role: { type: 'string' },
      'nats-url': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const overrides: Partial<ServerConfig> = {};
  if (values.port !== undefined) overrides.port = Number(values.port);
  if (values.host) overrides.host = values.host;
  if (values['data-dir']) overrides.dataDir = values['data-dir'];
  if (values['database-url']) overrides.databaseUrl = values['database-url'];
  if (values['public-url']) overrides.publicUrl = values['public-url'];
  if (values['log-level']) overrides.logLevel = values['log-level'];
  if (values['local-agent']) overrides.localAgent = true;
  if (values.role) overrides.roles = values.role.split(',').map((r) => r.trim()) as ServerConfig['roles'];
  if (values['nats-url']) overrides.natsUrl = values['nats-url'];
  if (values.workers !== undefined) overrides.workers = Number(values.workers);
  const launcher = process.env.PONS_LAUNCHER ? [process.execPath, process.env.PONS_LAUNCHER] : null;
  const config = {
    ...loadConfig({ cwd: process.cwd(), env: process.env, overrides, ...(values.config ? { configFile: values.config } : {}) }),
    launcher,
  };

  const log = createLogger(config.logLevel);
  if (cluster.isWorker) return runWorker(config, log);
  const server = config.workers > 1 ? await startCluster(config, log) : await startServer(config, { logger: log });
  const url = config.publicUrl;
  const lines: Array<[string, string]> = [
    ['Console', url],
    ['API docs', `${url}/api/docs`],
    ['CA fingerprint', server.caFingerprint],
    ['Database', server.databaseDescribe],
  ];
  if (config.workers > 1) lines.push(['Workers', `${config.workers} processes sharing port ${config.port}`]);
  if (server.bootstrapPassword) {
    lines.push(
      ['Admin login', 'admin'],
      ['Admin password', `${server.bootstrapPassword}  (one-time: you will choose a new one at first login)`],
    );
  }
  lines.push(['Enrol an agent', `pons agent --server ${url} --token <token> --ca-fingerprint ${server.caFingerprint}`]);
  process.stdout.write(banner(lines));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    server.stop({ exiting: true }).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** A worker of `--workers`: a full node on the shared port, its bus relayed by the primary. */
async function runWorker(config: ServerConfig, log: Logger): Promise<void> {
  const index = Number(process.env.PONS_WORKER_INDEX ?? cluster.worker?.id ?? 0);
  const workerLog = log.child({ worker: index });
  const server = await startServer(
    { ...config, nodeName: `${config.nodeName}#${index}`, localAgent: false },
    { logger: workerLog, bus: (nodeId, onError) => new IpcBus(nodeId, onError) },
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop({ exiting: true }).then(
      () => process.exit(0),
      (error: unknown) => {
        workerLog.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isPonsError(error)) process.stderr.write(`pons server: ${error.message}\n`);
  else process.stderr.write(`pons server: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(isPonsError(error) && error.code === 'PONS_E_CONFIG' ? 78 : 1);
});
