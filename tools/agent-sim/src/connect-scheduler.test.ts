import { describe, expect, it } from 'vitest';
import { ConnectScheduler, type SchedulerClock } from './connect-scheduler.js';

/** A clock whose timers fire only when the test advances time. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const clock: SchedulerClock = {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.fn();
      }
    }
  };
  return { clock, advance, pendingTimers: () => timers.size };
}

/** Jobs that finish only when the test says so. */
function gatedJobs() {
  const started: number[] = [];
  const finishers = new Map<number, () => void>();
  const run = (item: number) =>
    new Promise<void>((resolve) => {
      started.push(item);
      finishers.set(item, resolve);
    });
  const finish = async (item: number) => {
    finishers.get(item)!();
    // let the scheduler's finally() run
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, run, finish };
}

describe('ConnectScheduler', () => {
  it('never runs more than `concurrency` jobs at once and runs them in order', async () => {
    const { clock } = manualClock();
    const jobs = gatedJobs();
    const scheduler = new ConnectScheduler(2, jobs.run, clock);
    for (const n of [1, 2, 3, 4, 5]) scheduler.schedule(n);
    expect(jobs.started).toEqual([1, 2]);
    expect(scheduler.inFlight).toBe(2);
    expect(scheduler.waiting).toBe(3);
    await jobs.finish(1);
    expect(jobs.started).toEqual([1, 2, 3]);
    await jobs.finish(3);
    await jobs.finish(2);
    expect(jobs.started).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds delayed jobs until they are due, with a single timer', async () => {
    const { clock, advance, pendingTimers } = manualClock();
    const jobs = gatedJobs();
    const scheduler = new ConnectScheduler(10, jobs.run, clock);
    scheduler.schedule(3, 300);
    scheduler.schedule(1, 100);
    scheduler.schedule(2, 200);
    expect(jobs.started).toEqual([]);
    expect(pendingTimers()).toBe(1);
    advance(150);
    expect(jobs.started).toEqual([1]);
    advance(200);
    expect(jobs.started).toEqual([1, 2, 3]);
    expect(pendingTimers()).toBe(0);
    await jobs.finish(1);
  });

  it('frees the slot of a job that fails', async () => {
    const { clock } = manualClock();
    const started: number[] = [];
    const scheduler = new ConnectScheduler(1, (n: number) => (started.push(n), Promise.reject(new Error('boom'))), clock);
    scheduler.schedule(1);
    scheduler.schedule(2);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(started).toEqual([1, 2]);
    expect(scheduler.inFlight).toBe(0);
  });

  it('forgets waiting jobs when stopped', () => {
    const { clock, advance, pendingTimers } = manualClock();
    const jobs = gatedJobs();
    const scheduler = new ConnectScheduler(1, jobs.run, clock);
    scheduler.schedule(1);
    scheduler.schedule(2);
    scheduler.schedule(3, 1000);
    scheduler.stop();
    scheduler.schedule(4);
    advance(2000);
    expect(jobs.started).toEqual([1]);
    expect(scheduler.waiting).toBe(0);
    expect(pendingTimers()).toBe(0);
  });
});
