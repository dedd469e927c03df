/**
 * The ceiling's load generator: N TLS WebSocket connections to the bare `ws` server, pinned to the
 * Pons CA through one shared TLS context (as the simulator does), at most C connects in flight,
 * each echoing every message back. With --reconnect a dropped connection comes back with the
 * agents' own reconnect policy (`@pons/agent-link` backoff: full jitter from 1 s, the 4th step
 * after a 1012 restart close, refused connects widening the window only to the 5th).
 * Usage: node ceiling-client.js URL CA_FILE AGENTS CONCURRENCY [reconnect]
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import WebSocket from 'ws';
import { attemptAfterClose, attemptAfterFailure, fullJitterDelay } from '@pons/agent-link';
import { ConnectScheduler } from '@pons/agent-sim';
import type { CeilingClientReport } from './ceiling-messages.js';

interface Client {
  ws: WebSocket | null;
  attempt: number;
  openedAt: number;
  ever: boolean;
}

const [url = '', caFile = '', agentsRaw = '1', concurrencyRaw = '200', mode = ''] = process.argv.slice(2);
const agents = Number(agentsRaw);
const reconnect = mode === 'reconnect';
const secureContext = createSecureContext({ ca: readFileSync(caFile, 'utf8') });
const startedAt = Date.now();
const cpuAtStart = process.cpuUsage();
const stats = { connected: 0, ever: 0, attempts: 0, connects: 0, timeToAllMs: null as number | null };
const failures = new Map<string, number>();
let stopping = false;

function report(event: CeilingClientReport['event']): void {
  const cpu = process.cpuUsage(cpuAtStart);
  const line: CeilingClientReport = {
    event,
    agents,
    connected: stats.connected,
    timeToAllMs: stats.timeToAllMs,
    attempts: stats.attempts,
    connects: stats.connects,
    failures: Object.fromEntries(failures),
    rssMb: Math.round((process.memoryUsage.rss() / 1048576) * 10) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const scheduler = new ConnectScheduler<Client>(Number(concurrencyRaw), connect);

function retry(client: Client): void {
  if (!stopping) scheduler.schedule(client, fullJitterDelay(client.attempt, 1000, 60_000));
}

function connect(client: Client): Promise<void> {
  if (stopping) return Promise.resolve();
  stats.attempts++;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      secureContext,
      checkServerIdentity: () => undefined,
      perMessageDeflate: false,
      handshakeTimeout: 15_000,
    } as unknown as WebSocket.ClientOptions);
    let open = false;
    let why = 'close';
    ws.on('open', () => {
      open = true;
      client.ws = ws;
      client.openedAt = Date.now();
      stats.connected++;
      stats.connects++;
      if (!client.ever) {
        client.ever = true;
        if (++stats.ever === agents) {
          stats.timeToAllMs = Date.now() - startedAt;
          report('connected');
        }
      }
      resolve();
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => ws.send(data, { binary: isBinary }));
    ws.on('error', (error: NodeJS.ErrnoException) => {
      why = error.code ?? (/timed out/.test(error.message) ? 'timeout' : 'error');
    });
    ws.on('close', (code: number) => {
      if (!open) {
        failures.set(why, (failures.get(why) ?? 0) + 1);
        client.attempt = attemptAfterFailure(client.attempt, why === 'ECONNREFUSED');
        retry(client);
        return resolve();
      }
      stats.connected--;
      client.ws = null;
      if (!reconnect) return;
      client.attempt = attemptAfterClose(client.attempt, code, Date.now() - client.openedAt);
      retry(client);
    });
  });
}

for (let i = 0; i < agents; i++) scheduler.schedule({ ws: null, attempt: 0, openedAt: 0, ever: false });

process.once('SIGTERM', () => {
  stopping = true;
  scheduler.stop();
  report('final');
  process.exit(0);
});
setInterval(() => undefined, 3_600_000);
