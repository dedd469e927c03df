import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, type ApiClient } from '@pons/test-kit';
import { BenchServer } from './bench-server.js';
import { freshDatabase } from './database.js';
import { say } from './format.js';
import { watchOnline, type OnlineSample } from './online-watch.js';
import type { BenchOptions } from './options.js';
import { SimFleet, type SimReport } from './sim-child.js';

export const PROFILE_DIR = path.join(ROOT, 'bench/out');

/** A real `pons server` for one benchmark run: SQLite, or a fresh PostgreSQL database. */
export class PonsRun {
  readonly server: BenchServer;
  api!: ApiClient;
  token = '';
  fleet: SimFleet | null = null;

  private constructor(
    readonly options: BenchOptions,
    readonly database: { url: string; name: string; drop(): Promise<void> } | null,
    env: Record<string, string>,
  ) {
    const profile = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    if (options.cpuProf) mkdirSync(PROFILE_DIR, { recursive: true });
    this.server = new BenchServer({ nodeArgs: profile, env: { ...env, ...(database ? { PONS_DATABASE_URL: database.url } : {}) } });
  }

  /** `env`: settings for the server beyond the bench's own (a faster deployment scheduler, say). */
  static async start(options: BenchOptions, env: Record<string, string> = {}): Promise<PonsRun> {
    const database = options.databaseUrl ? await freshDatabase(options.databaseUrl) : null;
    const run = new PonsRun(options, database, env);
    await run.server.start();
    run.api = run.server.api();
    await run.api.loginAsNewAdmin(run.server.bootstrapPassword);
    run.token = (await run.api.createToken({ maxUses: options.agents * 2, expiresInMs: 3_600_000 })).token;
    say(`pons server ${run.server.url} pid ${run.server.pid} on ${database ? `PostgreSQL (${database.name})` : 'SQLite'}`);
    return run;
  }

  get backend(): string {
    return this.database ? 'PostgreSQL' : 'SQLite';
  }

  get pkiDir(): string {
    return path.join(this.server.dataDir, 'pki');
  }

  /** Starts the simulated fleet and waits until the database shows every agent online. */
  async connectFleet(
    reconnect: boolean,
    extraArgs: string[] = [],
  ): Promise<{ samples: OnlineSample[]; connectMs: number | null; report: SimReport }> {
    const o = this.options;
    const args = ['--server', this.server.url, '--token', this.token, '--ca-fingerprint', this.server.caFingerprint];
    args.push('--concurrency', String(o.concurrency), '--report-interval', o.verbose ? '2s' : '0');
    if (reconnect) args.push('--reconnect');
    args.push(...extraArgs);
    say(`starting ${o.agents} simulated agents in ${o.sims} process(es)${reconnect ? ', reconnecting' : ''}`);
    const startedAt = performance.now();
    this.fleet = new SimFleet(o.sims, o.agents, args, {
      echo: o.verbose,
      ...(o.cpuProf ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] } : {}),
    });
    const simDied = this.fleet.connected.then(() => new Promise<never>(() => undefined));
    simDied.catch(() => undefined);
    let lastSay = 0;
    const { samples, done } = await Promise.race([
      watchOnline(this.api, (s) => s.online >= o.agents, {
        intervalMs: 200,
        timeoutMs: Math.max(180_000, o.agents * 30),
        startedAt,
        onSample: (s) => {
          if (s.t - lastSay < 5000) return;
          lastSay = s.t;
          say(`${(s.t / 1000).toFixed(1)} s: ${s.online} online`);
        },
      }),
      simDied,
    ]);
    if (!done) throw new Error(`only ${samples.at(-1)?.online ?? 0} of ${o.agents} agents came online`);
    const report = await this.fleet.connected;
    const connectMs = samples.at(-1)!.t;
    say(`all ${o.agents} agents online after ${(connectMs / 1000).toFixed(1)} s`);
    await sleep(3000); // presence written, handshakes' garbage collected, nothing else in flight
    return { samples, connectMs, report };
  }

  /** Stops the fleet and the server, drops the PostgreSQL database. */
  async dispose(): Promise<void> {
    await this.fleet?.stop().catch(() => undefined);
    // SIGTERM lets the server stop cleanly, which is also when --cpu-prof writes its profile.
    await this.server.dispose().catch(() => undefined);
    await this.database?.drop().catch((error: unknown) => say(`could not drop ${this.database?.name}: ${String(error)}`));
    if (this.options.cpuProf) say(`CPU profiles are in ${PROFILE_DIR}`);
  }
}
