import { describe, expect, it } from 'vitest';
import { isFinalState, parseWindows, targetStateRules, TargetStates, type HourRange, type TargetState } from '@pons/protocol';
import { decideOverdue, decideWaiting, defaultTiming, waitingStates, type Plan } from './transitions.js';

const at = (hour: number, minute = 0) => new Date(2026, 11, 2, hour, minute).getTime();
const plan = (over: Partial<Plan> = {}): Plan => ({ startAt: at(8), endAt: at(20), windows: null, wakeOnLan: false, ...over });
const active: TargetState[] = ['starting', 'transferring', 'running', 'waiting-reboot'];

describe('deployment target transitions', () => {
  it('gives every non-final state a deadline, whatever happens: nothing can stay stuck', () => {
    const nonFinal = TargetStates.filter((s) => !isFinalState(s));
    // Every non-final state is either waiting (decided by decideWaiting) or active (by decideOverdue).
    expect([...nonFinal].sort()).toEqual([...waitingStates, ...active].sort());
    for (const state of nonFinal) expect(targetStateRules[state].ends, state).toBeDefined();
    const plans = [plan(), plan({ wakeOnLan: true }), plan({ windows: parseWindows('12-14') as HourRange[] }), plan({ startAt: at(15) })];
    const times = [at(7), at(9), at(12, 30), at(13, 59), at(16), at(19, 59), at(20), at(23)];
    for (const state of waitingStates)
      for (const p of plans)
        for (const now of times)
          for (const online of [true, false])
            for (const slotFree of [true, false]) {
              const d = decideWaiting(state, p, online, slotFree, now, defaultTiming);
              if (isFinalState(d.state)) expect(d.deadline).toBeNull();
              else {
                expect(d.deadline, `${state} → ${d.state} at ${new Date(now).toISOString()}`).not.toBeNull();
                expect(d.deadline!).toBeGreaterThan(now - 1);
                // A waiting target never waits past the end; a started one may run past it.
                if (waitingStates.includes(d.state)) expect(d.deadline!).toBeLessThanOrEqual(p.endAt);
              }
              expect([state, ...targetStateRules[state].ends!.onDeadline]).toContain(d.state);
            }
    for (const state of active)
      for (const online of [true, false]) {
        const d = decideOverdue(state, online, defaultTiming);
        expect(isFinalState(d.state)).toBe(true);
        expect(targetStateRules[state].ends!.onDeadline).toContain(d.state);
      }
  });

  it('waits for the start time, then starts an online machine', () => {
    expect(decideWaiting('scheduled', plan(), true, true, at(7), defaultTiming)).toMatchObject({ state: 'scheduled', deadline: at(8) });
    expect(decideWaiting('scheduled', plan(), true, true, at(9), defaultTiming)).toMatchObject({ state: 'starting', action: 'start' });
  });

  it('waits for a free slot when the deployment runs its maximum of machines', () => {
    const d = decideWaiting('scheduled', plan(), true, false, at(9), defaultTiming);
    expect(d).toMatchObject({ state: 'scheduled', deadline: at(9) + defaultTiming.slotRetryMs });
  });

  it('does not start outside the window, and waits for the next one', () => {
    const windows = parseWindows('12-14') as HourRange[];
    expect(decideWaiting('scheduled', plan({ windows }), true, true, at(9), defaultTiming)).toMatchObject({
      state: 'scheduled',
      deadline: at(12),
    });
    expect(decideWaiting('scheduled', plan({ windows }), true, true, at(12, 10), defaultTiming)).toMatchObject({ state: 'starting' });
    expect(decideWaiting('scheduled', plan({ windows }), true, true, at(15), defaultTiming)).toMatchObject({ state: 'outside-window' });
  });

  it('wakes an offline machine three times a minute apart, then waits for it until the window closes', () => {
    const p = plan({ wakeOnLan: true });
    const wol1 = decideWaiting('scheduled', p, false, true, at(9), defaultTiming);
    expect(wol1).toMatchObject({ state: 'wol-1', action: 'wol', deadline: at(9) + 60_000 });
    expect(decideWaiting('wol-1', p, false, true, at(9, 1), defaultTiming)).toMatchObject({ state: 'wol-2', action: 'wol' });
    expect(decideWaiting('wol-2', p, false, true, at(9, 2), defaultTiming)).toMatchObject({ state: 'wol-3', action: 'wol' });
    const waiting = decideWaiting('wol-3', p, false, true, at(9, 3), defaultTiming);
    expect(waiting).toMatchObject({ state: 'waiting-machine', deadline: at(20) });
    expect(waiting.action).toBeUndefined();
    expect(decideWaiting('waiting-machine', p, true, true, at(10), defaultTiming)).toMatchObject({ state: 'starting' });
    expect(decideWaiting('waiting-machine', p, false, true, at(20), defaultTiming)).toMatchObject({ state: 'outside-window' });
  });

  it('says why an active target ended when its deadline passed', () => {
    expect(decideOverdue('running', false, defaultTiming)).toMatchObject({ state: 'machine-lost' });
    expect(decideOverdue('running', true, defaultTiming).message).toBe('The agent sent no report for 15 min.');
    expect(decideOverdue('starting', true, defaultTiming).message).toBe('The agent did not accept the job within 120 s.');
    expect(decideOverdue('waiting-reboot', false, defaultTiming).message).toBe(
      'The machine did not come back within 30 min of restarting.',
    );
  });
});
