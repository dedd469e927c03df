import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger.js';

export interface LocalAgentOptions {
  /** argv that runs `pons` (e.g. [node, bin/pons.mjs]); the agent is started as `pons agent`. */
  launcher: string[];
  dataDir: string;
  serverUrl: string;
  caFingerprint: string;
  createToken: () => Promise<string>;
  log: Logger;
}

/**
 * Runs an agent for this machine beside the server (`npm start`), so the console is not empty on
 * a fresh install. It is a separate process started through the `pons` command, exactly as on any
 * other machine; it enrols once with an internal one-use token and restarts if it dies.
 */
export class LocalAgentSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;

  constructor(private readonly options: LocalAgentOptions) {}

  private get stateDir(): string {
    return path.join(this.options.dataDir, 'local-agent');
  }

  async start(): Promise<void> {
    mkdirSync(this.stateDir, { recursive: true, mode: 0o700 });
    const enrolled = existsSync(path.join(this.stateDir, 'agent.json'));
    const args = [
      'agent',
      '--server',
      this.options.serverUrl,
      '--ca-fingerprint',
      this.options.caFingerprint,
      '--state-dir',
      this.stateDir,
      '--exit-with-parent',
    ];
    // The token goes through the environment: a command line is visible to every local user.
    const token = enrolled ? {} : { PONS_ENROLL_TOKEN: await this.options.createToken() };
    const [command, ...prefix] = this.options.launcher;
    const child = spawn(command!, [...prefix, ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...token, PONS_LOG_LEVEL: process.env.PONS_AGENT_LOG_LEVEL ?? 'warn' },
    });
    this.child = child;
    this.options.log.info({ pid: child.pid }, 'local agent started');
    child.on('exit', (code, signal) => {
      this.child = null;
      if (this.stopping) return;
      const delay = Math.min(60_000, 1000 * 2 ** this.restarts++);
      this.options.log.warn({ code, signal, restartInMs: delay }, 'local agent exited; restarting');
      setTimeout(
        () => void this.start().catch((error: unknown) => this.options.log.error({ err: error }, 'could not restart the local agent')),
        delay,
      ).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
