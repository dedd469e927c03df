import { inWindows, nextWindow, type HourRange, type TargetState } from '@pons/protocol';

/** How long each waiting or active state may last before the scheduler looks again. */
export interface DeploymentTiming {
  /** Between Wake-on-LAN tries (Medulla: 60 s). */
  wolIntervalMs: number;
  /** For the agent to accept a deploy.start. */
  acceptMs: number;
  /** Without any report from the agent during a transfer or between steps. */
  silenceMs: number;
  /** For the agent to come back after a reboot step. */
  rebootMs: number;
  /** For an agent that went offline mid-job to come back and report. */
  lostGraceMs: number;
  /** Before trying again a target that waits for a free slot. */
  slotRetryMs: number;
}

export const defaultTiming: DeploymentTiming = {
  wolIntervalMs: 60_000,
  acceptMs: 120_000,
  silenceMs: 15 * 60_000,
  rebootMs: 30 * 60_000,
  lostGraceMs: 30 * 60_000,
  slotRetryMs: 5_000,
};

export interface Plan {
  startAt: number;
  endAt: number;
  windows: HourRange[] | null;
  wakeOnLan: boolean;
}

export interface Decision {
  state: TargetState;
  /** Null only for a final state. */
  deadline: number | null;
  message: string;
  /** What the scheduler does with the move: send the job, or a magic packet. */
  action?: 'start' | 'wol';
}

const WAKE: Partial<Record<TargetState, TargetState>> = {
  scheduled: 'wol-1',
  'wol-1': 'wol-2',
  'wol-2': 'wol-3',
  'wol-3': 'waiting-machine',
};

/**
 * Where a waiting target (scheduled, WOL 1-3, waiting for the machine) goes when its deadline
 * comes or its machine comes online: past the end it is over; outside its window it waits for
 * the next; an online machine starts when a slot is free; an offline one is woken three times a
 * minute apart, then waited for until the window closes.
 */
export function decideWaiting(
  state: TargetState,
  plan: Plan,
  online: boolean,
  slotFree: boolean,
  now: number,
  timing: DeploymentTiming,
): Decision {
  if (now >= plan.endAt) {
    return {
      state: 'outside-window',
      deadline: null,
      message: 'The deployment ended before the machine could be reached inside its window.',
    };
  }
  if (now < plan.startAt) return { state: 'scheduled', deadline: plan.startAt, message: 'Waiting for the start time.' };
  const window = plan.windows ? nextWindow(plan.windows, now) : { opens: now, closes: plan.endAt };
  if (!window || window.opens >= plan.endAt) {
    return { state: 'outside-window', deadline: null, message: 'No deployment window opens again before the deployment ends.' };
  }
  if (plan.windows && !inWindows(plan.windows, now)) {
    return {
      state: 'scheduled',
      deadline: Math.min(window.opens, plan.endAt),
      message: 'Outside the deployment window; waiting for the next one.',
    };
  }
  const closes = Math.min(window.closes, plan.endAt);
  if (online) {
    if (slotFree) return { state: 'starting', deadline: now + timing.acceptMs, message: 'Sent to the agent.', action: 'start' };
    return {
      state: 'scheduled',
      deadline: Math.min(now + timing.slotRetryMs, closes),
      message: 'Waiting for a free slot (maximum concurrent machines).',
    };
  }
  const woken = plan.wakeOnLan ? WAKE[state] : undefined;
  if (woken && woken !== 'waiting-machine') {
    return {
      state: woken,
      deadline: Math.min(now + timing.wolIntervalMs, closes),
      message: 'The machine is offline: sent a Wake-on-LAN packet.',
      action: 'wol',
    };
  }
  return { state: 'waiting-machine', deadline: closes, message: 'The machine is offline; waiting for it to come online.' };
}

/** Where an active target (starting, transferring, running, waiting for a reboot) goes when its deadline passes. */
export function decideOverdue(state: TargetState, online: boolean, timing: DeploymentTiming): Decision {
  if (!online) {
    const waited = state === 'waiting-reboot' ? timing.rebootMs : timing.lostGraceMs;
    return {
      state: 'machine-lost',
      deadline: null,
      message:
        state === 'waiting-reboot'
          ? `The machine did not come back within ${span(waited)} of restarting.`
          : `The machine went offline during the deployment and did not come back within ${span(waited)}.`,
    };
  }
  if (state === 'starting') {
    return {
      state: 'timeout',
      deadline: null,
      message: `The agent did not accept the job within ${Math.round(timing.acceptMs / 1000)} s.`,
    };
  }
  return { state: 'timeout', deadline: null, message: `The agent sent no report for ${span(timing.silenceMs)}.` };
}

/** A duration as people say it: "30 min", "45 s". */
function span(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

export const waitingStates: TargetState[] = ['scheduled', 'wol-1', 'wol-2', 'wol-3', 'waiting-machine'];
