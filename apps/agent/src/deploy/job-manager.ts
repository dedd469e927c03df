import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DeployCancelArgs, DeployStartArgs, JobFrame, PackageOs } from '@pons/protocol';
import type { AgentLogger } from '../log.js';
import { notifyUser } from '../platform/notify.js';
import { Job, type JobHost } from './job.js';
import { JobJournal } from './journal.js';

export function packageOs(platform: NodeJS.Platform = process.platform): PackageOs | null {
  if (platform === 'linux') return 'linux';
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return null;
}

export interface JobManagerOptions {
  stateDir: string;
  caPem: () => string;
  serverUrl: () => string;
  machineId: () => string;
  /** The command that restarts the machine (a test gives one that only restarts the agent). */
  rebootCommand: string[];
  log: AgentLogger;
}

type Send = (frame: JobFrame) => boolean;

/**
 * The agent's deployment jobs: starts them on `deploy.start`, stops them on `deploy.cancel`,
 * resumes those a restart interrupted, and sends their events until the server acknowledges them.
 */
export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private readonly inFlight = new Map<string, { job: Job; lastSeq: number }>();
  private send: Send | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly jobsDir: string;

  constructor(private readonly options: JobManagerOptions) {
    this.jobsDir = path.join(options.stateDir, 'jobs');
  }

  /** Picks up the journals a previous run left: resumes or reports each job. */
  resume(): void {
    const journals = JobJournal.loadAll(this.jobsDir, (dir, message) =>
      this.options.log.error('a job journal could not be read and is ignored', { dir, message }),
    );
    for (const journal of journals) {
      const job = new Job(journal, this.host());
      this.jobs.set(JobJournal.key(journal.data.args), job);
      if (!job.ended) this.options.log.info('resuming deployment job', { deploymentId: job.deploymentId, phase: journal.data.phase });
      void job.run();
    }
  }

  /** Starts a job; an attempt already known (a command delivered twice) is not started again. */
  start(args: DeployStartArgs): { ok: true; already: boolean } | { ok: false; message: string } {
    const os = packageOs();
    if (!os || !args.descriptor.os.includes(os)) {
      return {
        ok: false,
        message: `The package "${args.descriptor.name}" is for ${args.descriptor.os.join(', ')}, not ${os ?? process.platform}.`,
      };
    }
    const key = JobJournal.key(args);
    if (this.jobs.has(key)) return { ok: true, already: true };
    const job = new Job(JobJournal.create(this.jobsDir, args), this.host());
    this.jobs.set(key, job);
    this.options.log.info('deployment job started', {
      deploymentId: args.deploymentId,
      attempt: args.attempt,
      package: args.descriptor.name,
    });
    void job.run();
    return { ok: true, already: false };
  }

  cancel(args: DeployCancelArgs): boolean {
    const job = this.jobs.get(JobJournal.key(args));
    if (!job || job.ended) return false;
    job.cancel();
    return true;
  }

  /** The link is up (`send`) or down (null): events go out as soon as it is up. */
  connected(send: Send | null): void {
    this.send = send;
    this.inFlight.clear();
    if (send) for (const job of this.jobs.values()) this.flush(job);
  }

  /** The server acknowledged a job frame. */
  acknowledged(frameId: string): boolean {
    const sent = this.inFlight.get(frameId);
    if (!sent) return false;
    this.inFlight.delete(frameId);
    sent.job.journal.acknowledge(sent.lastSeq);
    if (sent.job.ended && sent.job.journal.data.outbox.length === 0) {
      sent.job.journal.remove();
      this.jobs.delete(JobJournal.key(sent.job.journal.data.args));
    }
    this.flush(sent.job);
    for (const wake of [...this.waiters]) wake();
    return true;
  }

  get running(): number {
    return [...this.jobs.values()].filter((j) => !j.ended).length;
  }

  private flush(job: Job): void {
    if (!this.send || [...this.inFlight.values()].some((f) => f.job === job)) return;
    const events = job.journal.data.outbox.slice(0, 200);
    const last = events.at(-1);
    if (!last) return;
    const id = randomUUID();
    this.inFlight.set(id, { job, lastSeq: last.seq });
    if (!this.send({ type: 'job', id, deploymentId: job.deploymentId, attempt: job.attempt, events })) this.inFlight.delete(id);
  }

  private host(): JobHost {
    const { options } = this;
    return {
      os: packageOs() ?? 'linux',
      get caPem() {
        return options.caPem();
      },
      serverUrl: options.serverUrl,
      machineId: options.machineId,
      log: options.log,
      changed: (job) => this.flush(job),
      delivered: (job, maxMs) =>
        new Promise<void>((resolve) => {
          const done = () => {
            if (job.journal.data.outbox.length > 0) return;
            clearTimeout(timer);
            this.waiters.delete(done);
            resolve();
          };
          const timer = setTimeout(() => {
            this.waiters.delete(done);
            resolve();
          }, maxMs);
          this.waiters.add(done);
          done();
        }),
      reboot: (message, delayS) => this.reboot(message, delayS),
      notify: notifyUser,
    };
  }

  private reboot(message: string | undefined, delayS: number): Promise<void> {
    const [program = '', ...args] = this.options.rebootCommand;
    this.options.log.warn('restarting the machine for a deployment step', { message, delayS });
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        const child = spawn(program, args, { stdio: 'ignore', detached: true });
        child.on('error', reject);
        child.on('spawn', () => {
          child.unref();
          resolve();
        });
      }, delayS * 1000).unref();
    });
  }
}
