import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@pons/test-kit';
import type { CeilingClientReport, CeilingReply, CeilingRequest, FanoutOutcome, StaggerOutcome } from './ceiling-messages.js';
import type { OnlineSample } from './online-watch.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** One ceiling client process and the JSON lines it prints. */
class ClientProcess {
  readonly child: ChildProcess;
  final: CeilingClientReport | null = null;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [path.join(HERE, 'ceiling-client.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    process.once('exit', () => this.child.kill('SIGKILL'));
    let buffer = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const report = JSON.parse(buffer.slice(0, end)) as CeilingClientReport;
        buffer = buffer.slice(end + 1);
        if (report.event === 'final') this.final = report;
      }
    });
  }

  async stop(): Promise<CeilingClientReport | null> {
    this.child.kill('SIGTERM');
    await exited(this.child);
    return this.final;
  }
}

/**
 * The bare `ws` ceiling, driven from the bench: a server child (ceiling-server.ts, forked with
 * IPC) on the Pons certificate, and client processes (ceiling-client.ts) holding the sockets.
 */
export class Ceiling {
  private server!: ChildProcess;
  private clients: ClientProcess[] = [];
  /** Count requests use negative ids; a fan-out's id is its sequence number. */
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: CeilingReply) => void>();

  private constructor(
    private readonly pkiDir: string,
    private port: number,
  ) {}

  static async start(pkiDir: string): Promise<Ceiling> {
    const ceiling = new Ceiling(pkiDir, await freePort());
    await ceiling.spawnServer();
    return ceiling;
  }

  get pid(): number {
    return this.server.pid!;
  }

  get url(): string {
    return `wss://127.0.0.1:${this.port}/`;
  }

  private async spawnServer(): Promise<void> {
    const env = { ...process.env, CEILING_PKI: this.pkiDir, CEILING_PORT: String(this.port) };
    const server = fork(path.join(HERE, 'ceiling-server.js'), [], { env, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    process.once('exit', () => server.kill('SIGKILL'));
    this.server = server;
    const ready = new Promise<void>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
      server.on('message', (reply: CeilingReply) => {
        if (reply.type === 'ready') return resolve();
        this.waiting.get(reply.id)?.(reply);
        this.waiting.delete(reply.id);
      });
    });
    await ready;
  }

  private ask(request: CeilingRequest): Promise<CeilingReply> {
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      this.server.send(request);
    });
  }

  async count(): Promise<number> {
    const reply = await this.ask({ id: -this.nextId++, type: 'count' });
    return reply.type === 'count' ? reply.clients : 0;
  }

  /** Starts `agents` client connections over `processes` processes (consecutive shares). */
  startClients(agents: number, processes: number, concurrency: number, reconnect: boolean): void {
    const share = Math.ceil(agents / processes);
    const ca = path.join(this.pkiDir, 'ca.pem');
    for (let first = 0; first < agents; first += share) {
      const count = Math.min(share, agents - first);
      this.clients.push(new ClientProcess([this.url, ca, String(count), String(concurrency), reconnect ? 'reconnect' : '']));
    }
  }

  get clientPids(): number[] {
    return this.clients.map((c) => c.child.pid!);
  }

  /** Polls the server's socket count every 100 ms until it reaches `agents`, keeping the samples. */
  async waitFor(agents: number, timeoutMs: number, startedAt = performance.now()): Promise<OnlineSample[]> {
    const samples: OnlineSample[] = [];
    for (;;) {
      const clients = this.server.connected ? await this.count() : 0;
      const t = Math.round(performance.now() - startedAt);
      samples.push({ t, online: clients, connected: clients });
      if (clients >= agents || t > timeoutMs) return samples;
      await sleep(100);
    }
  }

  /** One small message (`bytes` long) to every socket; resolves when all replied (or 120 s). */
  async fanout(seq: number, bytes: number): Promise<FanoutOutcome> {
    const reply = await this.ask({ id: seq, type: 'fanout', seq, bytes });
    if (reply.type !== 'fanout') throw new Error('unexpected reply from the ceiling server');
    return reply;
  }

  /** Staggered messages for `seconds` (see StaggerOutcome); resolves a second after the last tick. */
  async stagger(seconds: number, tickMs: number, bytes: number): Promise<StaggerOutcome> {
    const reply = await this.ask({ id: -this.nextId++, type: 'stagger', seconds, tickMs, bytes });
    if (reply.type !== 'stagger') throw new Error('unexpected reply from the ceiling server');
    return { expected: reply.expected, received: reply.received, perSecond: reply.perSecond, tickLagMs: reply.tickLagMs };
  }

  /** SIGTERM (every socket closed with 1012), then the server again on the same port. */
  async restart(): Promise<void> {
    this.server.kill('SIGTERM');
    await exited(this.server);
    await this.spawnServer();
  }

  /** Stops the clients (their last figures) and the server. */
  async stop(): Promise<CeilingClientReport[]> {
    const finals = await Promise.all(this.clients.map((c) => c.stop()));
    this.clients = [];
    this.server.kill('SIGKILL');
    await exited(this.server);
    return finals.flatMap((f) => (f ? [f] : []));
  }
}
