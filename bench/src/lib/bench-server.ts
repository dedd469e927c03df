import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, LAUNCHER, ServerProcess, waitFor } from '@pons/test-kit';
import { benchNodeFlags } from './options.js';

/**
 * The server runs as docs/scale-out.md recommends for large fleets on a small host (node flags):
 * a 64 MB young generation, the garbage collector on the main thread only, and an old generation
 * allowed to grow to four times what survived the last full collection before the next one. With
 * Node's 16 MB default young generation, scavenges at 5,000 commands a second took 16-30 ms each
 * and the server spent 80-85 % of a core against 68 % (rtt, p99 110-136 ms against 84 ms). With
 * parallel collector threads on two cores shared with the simulators, the server spent 2.06 ms of
 * CPU per reconnecting agent in a storm against 1.78 ms. With V8's default heap growth, the
 * server and each simulator ran a full collection every 3-4 s of rtt load (20-65 ms pauses plus
 * 50-90 ms of marking steps each); with --heap-growing-percent=300, one per run, and rtt p99 went
 * from 110, 152, 326 ms to 86, 105, 68 ms in three interleaved pairs of runs (2026-12-02). At
 * 19,000 connected agents the server's RSS stayed at 44.6 KB per agent (41.7 KB before).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64', '--single-threaded-gc', '--heap-growing-percent=300'];

/**
 * The test kit's server process, started quietly (PONS_LOG_LEVEL=warn) so that logging does not
 * weigh on the figures. ServerProcess.start waits for the info-level "pons server listening" log
 * line, which warn hides; this start waits for the banner the server always prints instead.
 */
export class BenchServer extends ServerProcess {
  constructor(private readonly extra: { env?: Record<string, string>; nodeArgs?: string[] } = {}) {
    super();
  }

  override async start(): Promise<this> {
    this.port ||= await freePort();
    const env = {
      ...process.env,
      PONS_DATA_DIR: this.dataDir,
      PONS_PORT: String(this.port),
      PONS_HOST: '127.0.0.1',
      PONS_PUBLIC_URL: `https://127.0.0.1:${this.port}`,
      PONS_LOG_LEVEL: 'warn',
      ...this.extra.env,
    };
    const flags = [...SERVER_NODE_FLAGS, ...benchNodeFlags(), ...(this.extra.nodeArgs ?? [])];
    const child = spawn(process.execPath, [...flags, LAUNCHER, 'server'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.once('exit', () => child.kill('SIGKILL'));
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-100_000);
      if (process.env.PONS_BENCH_VERBOSE) process.stderr.write(`[server] ${chunk.toString('utf8')}`);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.child = child;
    this.output = () => output;
    const died = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`))),
    );
    died.catch(() => undefined);
    await Promise.race([died, waitFor('the server banner', () => /CA fingerprint\s+sha256:/.test(output), 60_000)]);
    this.caPem = readFileSync(path.join(this.dataDir, 'pki/ca.pem'), 'utf8');
    this.caFingerprint = /CA fingerprint\s+(sha256:[0-9a-f]{64})/.exec(output)?.[1] ?? '';
    const passwordFile = path.join(this.dataDir, 'bootstrap-password.txt');
    if (existsSync(passwordFile)) this.bootstrapPassword = readFileSync(passwordFile, 'utf8').trim();
    return this;
  }

  get pid(): number {
    return this.child.pid!;
  }
}
