import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  Validator,
  DeployStartArgs,
  JobEvent,
  JobState,
  type DeployStartArgs as StartArgs,
  type JobOutputEvent,
  type JobStateEvent,
} from '@pons/protocol';
import { Type, type Static } from '@sinclair/typebox';

const JournalData = Type.Object({
  args: DeployStartArgs,
  /** transfer → steps → ended; `rebooting` while a reboot step restarts the machine. */
  phase: Type.Union([Type.Literal('transfer'), Type.Literal('steps'), Type.Literal('rebooting'), Type.Literal('ended')]),
  /** The step to run next, or running (0-based). */
  step: Type.Integer({ minimum: 0 }),
  /** True from the moment a step starts until its outcome is written. */
  running: Type.Boolean(),
  env: Type.Record(Type.String(), Type.String()),
  lastExitCode: Type.Union([Type.Integer(), Type.Null()]),
  nextSeq: Type.Integer({ minimum: 1 }),
  /** Events not yet acknowledged by the server. */
  outbox: Type.Array(JobEvent),
  ended: Type.Union([JobState, Type.Null()]),
});
export type JournalData = Static<typeof JournalData>;
export type UnnumberedEvent = Omit<JobStateEvent, 'seq'> | Omit<JobOutputEvent, 'seq'>;
const check = new Validator(JournalData);

/**
 * One job's journal, `jobs/<deployment>-<attempt>/journal.json`: where the job stands and the
 * events the server has not acknowledged. Written aside and renamed, so a crash leaves either the
 * old or the new journal, never half of one.
 */
export class JobJournal {
  private constructor(
    readonly dir: string,
    public data: JournalData,
  ) {}

  static key(args: Pick<StartArgs, 'deploymentId' | 'attempt'>): string {
    return `${args.deploymentId}-${args.attempt}`;
  }

  static create(jobsDir: string, args: StartArgs): JobJournal {
    const dir = path.join(jobsDir, JobJournal.key(args));
    mkdirSync(path.join(dir, 'files'), { recursive: true });
    const journal = new JobJournal(dir, {
      args,
      phase: 'transfer',
      step: 0,
      running: false,
      env: {},
      lastExitCode: null,
      nextSeq: 1,
      outbox: [],
      ended: null,
    });
    journal.save();
    return journal;
  }

  /** Every journal left in `jobsDir`; an unreadable one is reported and set aside. */
  static loadAll(jobsDir: string, onBad: (dir: string, message: string) => void): JobJournal[] {
    mkdirSync(jobsDir, { recursive: true });
    const journals: JobJournal[] = [];
    for (const name of readdirSync(jobsDir)) {
      const dir = path.join(jobsDir, name);
      try {
        const parsed = check.validate(JSON.parse(readFileSync(path.join(dir, 'journal.json'), 'utf8')));
        if (!parsed.ok) throw new Error(parsed.message);
        journals.push(new JobJournal(dir, parsed.value));
      } catch (error) {
        onBad(dir, (error as Error).message);
      }
    }
    return journals;
  }

  get filesDir(): string {
    return path.join(this.dir, 'files');
  }

  update(change: Partial<JournalData>): void {
    this.data = { ...this.data, ...change };
    this.save();
  }

  /** Numbers and keeps an event until the server acknowledges it. */
  push(event: UnnumberedEvent, save = true): void {
    this.data.outbox.push({ ...event, seq: this.data.nextSeq });
    this.data.nextSeq++;
    if (save) this.save();
  }

  /** Drops the events up to `seq`, which the server has. */
  acknowledge(seq: number): void {
    this.data.outbox = this.data.outbox.filter((e) => e.seq > seq);
    this.save();
  }

  save(): void {
    const file = path.join(this.dir, 'journal.json');
    writeFileSync(`${file}.tmp`, JSON.stringify(this.data));
    renameSync(`${file}.tmp`, file);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
