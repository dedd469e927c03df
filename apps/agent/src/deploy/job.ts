import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  applyTemplate,
  DEFAULT_STEP_TIMEOUT_S,
  MAX_OUTPUT_LINES_PER_STEP,
  type JobFailure,
  type JobState,
  type PackageOs,
  type Step,
} from '@pons/protocol';
import type { AgentLogger } from '../log.js';
import { runCommand } from './command-runner.js';
import { download, DownloadError } from './downloader.js';
import type { JobJournal } from './journal.js';
import { afterRun, afterSuccess, type Next } from './sequence.js';
import { unzip } from './unzip.js';

/** What a job needs from the agent around it. */
export interface JobHost {
  os: PackageOs;
  caPem: string;
  /** This machine's id, given to steps as PONS_MACHINE_ID. */
  machineId(): string;
  /** The server to download from (the one the agent is connected to, or its first). */
  serverUrl(): string;
  /** Restarts the machine; the job resumes after the step when the agent comes back. */
  reboot(message: string | undefined, delayS: number): Promise<void>;
  /** Tells the logged-in user; says how it was done, for the audit. */
  notify(title: string, message: string): Promise<string>;
  /** Resolves once the server holds every event so far (or after `maxMs`). */
  delivered(job: Job, maxMs: number): Promise<void>;
  /** New events are waiting to be sent. */
  changed(job: Job): void;
  log: AgentLogger;
}

type Ending = { end: JobState; failure?: JobFailure };
const LAST_LINES = 20;
const OUTPUT_FLUSH_MS = 250;

/**
 * One attempt of a deployment on this machine: download and verify the files, then run the
 * sequence for this OS step by step, writing each move to the journal first so that a restart
 * resumes (or reports) the job instead of losing it.
 */
export class Job {
  private readonly abort = new AbortController();
  private output: { step: number; stream: 'stdout' | 'stderr' | 'agent'; lines: string[] } | null = null;
  private outputTimer: NodeJS.Timeout | null = null;
  private readonly kept = new Map<number, number>();
  private lastLines: string[] = [];

  constructor(
    readonly journal: JobJournal,
    private readonly host: JobHost,
  ) {}

  get deploymentId(): string {
    return this.journal.data.args.deploymentId;
  }

  get attempt(): number {
    return this.journal.data.args.attempt;
  }

  get ended(): boolean {
    return this.journal.data.phase === 'ended';
  }

  cancel(): void {
    this.abort.abort();
  }

  async run(): Promise<void> {
    try {
      const ending = await this.advance();
      if (ending) this.end(ending);
    } catch (error) {
      this.host.log.error('deployment job failed unexpectedly', { deploymentId: this.deploymentId, error: String(error) });
      this.end({ end: 'step-failed', failure: { message: `The agent failed while running the job: ${(error as Error).message}` } });
    }
  }

  private get steps(): Step[] {
    return this.journal.data.args.descriptor.sequences[this.host.os] ?? [];
  }

  private async advance(): Promise<Ending | null> {
    const data = this.journal.data;
    if (data.phase === 'ended') return null;
    if (!data.args.descriptor.os.includes(this.host.os) || this.steps.length === 0) {
      return { end: 'rejected', failure: { message: `The package has no sequence for ${this.host.os}.` } };
    }
    if (data.phase === 'transfer') {
      const failed = await this.transfer();
      if (failed) return failed;
      this.journal.update({ phase: 'steps', step: 0, running: false });
    }
    if (data.phase === 'rebooting') {
      this.say(this.journal.data.step + 1, 'The machine restarted; the job goes on.');
      const next = afterSuccess(this.steps, this.journal.data.step);
      const ending = this.follow(next);
      if (ending) return ending;
    } else if (this.journal.data.running) {
      const step = this.journal.data.step + 1;
      return {
        end: 'step-failed',
        failure: { step, message: `The agent stopped while step ${step} was running; the step may have run in part.` },
      };
    }
    for (;;) {
      if (this.abort.signal.aborted) return { end: 'cancelled', failure: { message: 'Stopped by a user.' } };
      const index = this.journal.data.step;
      const step = this.steps[index];
      if (!step) return { end: 'success' };
      this.journal.update({ running: true });
      this.journal.push({ kind: 'state', at: Date.now(), state: 'running', step: index + 1, message: describe(step) });
      this.host.changed(this);
      const outcome = await this.execute(step, index);
      if ('end' in outcome) return outcome;
      const ending = this.follow(outcome);
      if (ending) return ending;
    }
  }

  /** Moves the journal to the next step; an ending when the sequence ends there. */
  private follow(next: Next): Ending | null {
    switch (next.to) {
      case 'step':
        this.journal.update({ phase: 'steps', step: next.index, running: false });
        return null;
      case 'success':
        return { end: 'success' };
      case 'error':
        return { end: 'step-failed', failure: { step: this.journal.data.step + 1, message: next.message } };
      case 'failed':
        return { end: 'step-failed', failure: { step: this.journal.data.step + 1, message: 'The step failed.' } };
    }
  }

  private template(text: string): string {
    return applyTemplate(text, {
      packageDir: path.resolve(this.journal.filesDir),
      deploymentId: this.deploymentId,
      lastExitCode: this.journal.data.lastExitCode,
    });
  }

  private async execute(step: Step, index: number): Promise<Next | Ending> {
    const n = index + 1;
    switch (step.action) {
      case 'run':
        return this.runStep(step, index);
      case 'reboot': {
        this.journal.update({ phase: 'rebooting', running: false });
        this.journal.push({ kind: 'state', at: Date.now(), state: 'waiting-reboot', step: n });
        this.host.changed(this);
        await this.host.delivered(this, 10_000);
        try {
          await this.host.reboot(step.message, step.delayS ?? 0);
        } catch (error) {
          return { end: 'step-failed', failure: { step: n, message: `The machine could not be restarted: ${(error as Error).message}` } };
        }
        // The machine is going down; the agent resumes the job when it comes back.
        await new Promise(() => undefined);
        return afterSuccess(this.steps, index);
      }
      case 'wait':
        await sleep(step.seconds * 1000, undefined, { signal: this.abort.signal }).catch(() => undefined);
        return afterSuccess(this.steps, index);
      case 'notify':
        this.say(n, await this.host.notify(this.template(step.title ?? 'Software deployment'), this.template(step.message)));
        return afterSuccess(this.steps, index);
      case 'setenv':
        this.journal.update({ env: { ...this.journal.data.env, [step.name]: this.template(step.value) } });
        this.say(n, `${step.name} is set for the following steps.`);
        return afterSuccess(this.steps, index);
      case 'unzip': {
        const to = path.join(this.journal.filesDir, step.to ?? '');
        try {
          const count = await unzip(path.join(this.journal.filesDir, step.file), to);
          this.say(n, `Extracted ${count} files from ${step.file}.`);
        } catch (error) {
          return { end: 'step-failed', failure: { step: n, message: `${step.file} could not be extracted: ${(error as Error).message}` } };
        }
        return afterSuccess(this.steps, index);
      }
      case 'success':
        return { end: 'success' };
      case 'error':
        return { end: 'step-failed', failure: { step: n, message: step.message ?? `The sequence ended with an error at step ${n}.` } };
    }
  }

  private async runStep(step: Extract<Step, { action: 'run' }>, index: number): Promise<Next | Ending> {
    const n = index + 1;
    this.lastLines = [];
    const timeoutS = step.timeoutS ?? DEFAULT_STEP_TIMEOUT_S;
    const packageDir = path.resolve(this.journal.filesDir);
    const outcome = await runCommand({
      shell: step.shell,
      command: this.template(step.command),
      cwd: packageDir,
      env: {
        ...process.env,
        ...this.journal.data.env,
        PONS_PACKAGE_DIR: packageDir,
        PONS_DEPLOYMENT_ID: this.deploymentId,
        PONS_MACHINE_ID: this.host.machineId(),
        PONS_LAST_EXIT_CODE: String(this.journal.data.lastExitCode ?? ''),
      },
      timeoutMs: timeoutS * 1000,
      onLine: (stream, line) => this.line(n, stream, line),
      signal: this.abort.signal,
    });
    this.flushOutput();
    this.journal.update({ lastExitCode: outcome.exitCode ?? this.journal.data.lastExitCode });
    if (outcome.cancelled) return { end: 'cancelled', failure: { step: n, message: `Stopped by a user during step ${n}.` } };
    if (outcome.startError)
      return { end: 'step-failed', failure: { step: n, message: `Step ${n} could not start: ${outcome.startError}.` } };
    const next = afterRun(this.steps, index, outcome.timedOut ? null : outcome.exitCode);
    if (next.to !== 'failed') return next;
    const lastLines = this.lastLines.slice(-LAST_LINES);
    if (outcome.timedOut) {
      return { end: 'timeout', failure: { step: n, message: `Step ${n} ran longer than ${timeoutS} s and was stopped.`, lastLines } };
    }
    const code = outcome.exitCode ?? -1;
    return { end: 'step-failed', failure: { step: n, exitCode: code, lastLines, message: `Step ${n} ended with exit code ${code}.` } };
  }

  private async transfer(): Promise<Ending | null> {
    const { files, name } = this.journal.data.args.descriptor;
    const total = files.reduce((sum, f) => sum + f.size, 0);
    this.journal.push({
      kind: 'state',
      at: Date.now(),
      state: 'transferring',
      percent: 0,
      message: `${files.length} files, ${total} bytes`,
    });
    this.host.changed(this);
    let done = 0;
    let shown = 0;
    let shownAt = Date.now();
    for (const file of files) {
      const dest = path.join(this.journal.filesDir, file.name);
      mkdirSync(path.dirname(dest), { recursive: true });
      try {
        await download({
          url: new URL(`/agent/v1/files/${file.sha256}`, this.host.serverUrl()).toString(),
          token: this.journal.data.args.downloadToken,
          caPem: this.host.caPem,
          sha256: file.sha256,
          size: file.size,
          dest,
          ...(this.journal.data.args.maxBytesPerSecond ? { maxBytesPerSecond: this.journal.data.args.maxBytesPerSecond } : {}),
          signal: this.abort.signal,
          onRequest: (offset) => {
            if (offset > 0) this.say(null, `Resuming ${file.name} from byte ${offset} (range request).`);
          },
          onProgress: (bytes) => {
            const percent = total === 0 ? 100 : Math.floor(((done + bytes) * 100) / total);
            if (percent >= shown + 10 || (percent > shown && Date.now() - shownAt > 2000)) {
              shown = percent;
              shownAt = Date.now();
              this.journal.push({ kind: 'state', at: shownAt, state: 'transferring', percent });
              this.host.changed(this);
            }
          },
        });
      } catch (error) {
        if (this.abort.signal.aborted) return { end: 'cancelled', failure: { message: 'Stopped by a user during the transfer.' } };
        if (error instanceof DownloadError && error.kind === 'hash') {
          return { end: 'hash-invalid', failure: { message: `${error.message}; nothing was run.` } };
        }
        const status = error instanceof DownloadError ? error.httpStatus : undefined;
        return {
          end: 'transfer-failed',
          failure: {
            message: `${file.name} of ${name} could not be downloaded: ${(error as Error).message}`,
            ...(status ? { httpStatus: status } : {}),
          },
        };
      }
      done += file.size;
    }
    this.say(null, `Downloaded and verified ${files.length} files (${total} bytes).`);
    return null;
  }

  private say(step: number | null, line: string): void {
    this.line(step ?? Math.max(1, this.journal.data.step + 1), 'agent', line);
    this.flushOutput();
  }

  /** Keeps a line for the audit (capped per step) and for a failure's last lines. */
  private line(step: number, stream: 'stdout' | 'stderr' | 'agent', line: string): void {
    this.lastLines.push(line);
    if (this.lastLines.length > LAST_LINES * 2) this.lastLines.splice(0, LAST_LINES);
    const kept = this.kept.get(step) ?? 0;
    this.kept.set(step, kept + 1);
    if (kept > MAX_OUTPUT_LINES_PER_STEP) return;
    const text =
      kept === MAX_OUTPUT_LINES_PER_STEP ? `… more output of step ${step} was not kept (limit ${MAX_OUTPUT_LINES_PER_STEP} lines).` : line;
    if (this.output && (this.output.step !== step || this.output.stream !== stream || this.output.lines.length >= 200)) this.flushOutput();
    this.output ??= { step, stream: kept === MAX_OUTPUT_LINES_PER_STEP ? 'agent' : stream, lines: [] };
    this.output.lines.push(text);
    this.outputTimer ??= setTimeout(() => this.flushOutput(), OUTPUT_FLUSH_MS);
  }

  private flushOutput(): void {
    if (this.outputTimer) clearTimeout(this.outputTimer);
    this.outputTimer = null;
    const output = this.output;
    this.output = null;
    if (!output || output.lines.length === 0) return;
    this.journal.push({ kind: 'output', at: Date.now(), step: output.step, stream: output.stream, lines: output.lines });
    this.host.changed(this);
  }

  private end(ending: Ending): void {
    this.flushOutput();
    const { end, failure } = ending;
    this.journal.push(
      { kind: 'state', at: Date.now(), state: end, ...(failure ? { failure, ...(failure.step ? { step: failure.step } : {}) } : {}) },
      false,
    );
    this.journal.update({ phase: 'ended', ended: end, running: false });
    rmSync(this.journal.filesDir, { recursive: true, force: true });
    this.host.changed(this);
    this.host.log.info('deployment job ended', { deploymentId: this.deploymentId, attempt: this.attempt, state: end });
  }
}

function describe(step: Step): string {
  switch (step.action) {
    case 'run':
      return `run (${step.shell})${step.comment ? `: ${step.comment}` : ''}`;
    case 'wait':
      return `wait ${step.seconds} s`;
    default:
      return step.comment ? `${step.action}: ${step.comment}` : step.action;
  }
}
