/**
 * The deployment target states and their rules, without schemas: what the console imports
 * (through `@pons/protocol/pure`) without the schema library. `target-states.ts` adds the schemas.
 */
/**
 * Every state a deployment target can be in. The non-final ones each have a deadline (see
 * `targetStateRules`); the final ones say how the attempt ended.
 */
export const TargetStates = [
  'scheduled',
  'wol-1',
  'wol-2',
  'wol-3',
  'waiting-machine',
  'starting',
  'transferring',
  'running',
  'waiting-reboot',
  'success',
  'transfer-failed',
  'hash-invalid',
  'step-failed',
  'timeout',
  'machine-lost',
  'rejected',
  'cancelled',
  'outside-window',
] as const;
type TargetState = (typeof TargetStates)[number];

/** States the agent reports in its job frames. */
export const JobStates = [
  'transferring',
  'running',
  'waiting-reboot',
  'success',
  'transfer-failed',
  'hash-invalid',
  'step-failed',
  'timeout',
  'cancelled',
  'rejected',
] as const;

export interface TargetStateRule {
  final: boolean;
  /** Medulla's name for it, which its users know from the audit view. */
  label: string;
  /** What a person reads, for a failure: what happened and where to look. */
  meaning: string;
  /**
   * For a non-final state: what ends it. `deadline` names the deadline the scheduler writes with
   * it, and `onDeadline` where the target goes when the deadline passes first.
   */
  ends?: { by: string; deadline: 'start-or-end' | 'wol-interval' | 'end' | 'accept' | 'silence' | 'reboot'; onDeadline: TargetState[] };
}

/** Where any waiting state may go when it is looked at again: started, back to waiting for a window, or over. */
const AFTER_WAIT: TargetState[] = ['starting', 'scheduled', 'waiting-machine', 'outside-window'];

export const targetStateRules: Record<TargetState, TargetStateRule> = {
  scheduled: {
    final: false,
    label: 'DEPLOY TASK SCHEDULED',
    meaning: 'Waiting for its start time, its time window or a free slot.',
    ends: {
      by: 'the start time, the next window or a free slot',
      deadline: 'start-or-end',
      onDeadline: ['starting', 'wol-1', 'waiting-machine', 'outside-window'],
    },
  },
  'wol-1': {
    final: false,
    label: 'WOL 1',
    meaning: 'Sent a first Wake-on-LAN packet.',
    ends: { by: 'the machine coming online', deadline: 'wol-interval', onDeadline: ['wol-2', ...AFTER_WAIT] },
  },
  'wol-2': {
    final: false,
    label: 'WOL 2',
    meaning: 'Sent a second Wake-on-LAN packet.',
    ends: { by: 'the machine coming online', deadline: 'wol-interval', onDeadline: ['wol-3', ...AFTER_WAIT] },
  },
  'wol-3': {
    final: false,
    label: 'WOL 3',
    meaning: 'Sent a third Wake-on-LAN packet.',
    ends: { by: 'the machine coming online', deadline: 'wol-interval', onDeadline: ['waiting-machine', ...AFTER_WAIT] },
  },
  'waiting-machine': {
    final: false,
    label: 'WAITING MACHINE ONLINE',
    meaning: 'The machine is offline; the deployment starts when it comes back inside the window.',
    ends: { by: 'the machine coming online', deadline: 'end', onDeadline: AFTER_WAIT },
  },
  starting: {
    final: false,
    label: 'DEPLOYMENT START',
    meaning: 'Sent to the agent; waiting for it to accept.',
    ends: { by: "the agent's answer", deadline: 'accept', onDeadline: ['machine-lost', 'timeout'] },
  },
  transferring: {
    final: false,
    label: 'TRANSFERRING',
    meaning: 'The agent is downloading the package files.',
    ends: { by: "the agent's progress reports", deadline: 'silence', onDeadline: ['machine-lost', 'timeout'] },
  },
  running: {
    final: false,
    label: 'RUNNING',
    meaning: 'The agent is running the package steps.',
    ends: { by: "the agent's progress reports", deadline: 'silence', onDeadline: ['machine-lost', 'timeout'] },
  },
  'waiting-reboot': {
    final: false,
    label: 'WAITING REBOOT',
    meaning: 'The machine is restarting; the job resumes after the agent comes back.',
    ends: { by: 'the agent reporting after the restart', deadline: 'reboot', onDeadline: ['machine-lost', 'timeout'] },
  },
  success: { final: true, label: 'DEPLOYMENT SUCCESS', meaning: 'Every step ran and the package ended with success.' },
  'transfer-failed': { final: true, label: 'ABORT TRANSFER FAILED', meaning: 'A package file could not be downloaded.' },
  'hash-invalid': { final: true, label: 'ABORT HASH INVALID', meaning: 'A downloaded file did not match its SHA-256; nothing ran.' },
  'step-failed': {
    final: true,
    label: 'ABORT PACKAGE EXECUTION ERROR',
    meaning: 'A step failed; see its exit code and last output lines.',
  },
  timeout: { final: true, label: 'ABORT ON TIMEOUT', meaning: 'A step or the agent took longer than allowed.' },
  'machine-lost': {
    final: true,
    label: 'ABORT MACHINE DISAPPEARED',
    meaning: 'The machine went offline during the deployment and did not come back in time.',
  },
  rejected: { final: true, label: 'ABORT PACKAGE WORKFLOW ERROR', meaning: 'The agent refused the job (see why).' },
  cancelled: { final: true, label: 'ABORT DEPLOYMENT CANCELLED BY USER', meaning: 'Stopped by a user.' },
  'outside-window': {
    final: true,
    label: 'ABORT OUTSIDE DEPLOYMENT WINDOW',
    meaning: 'The deployment ended before the machine could be reached inside its time window.',
  },
};

export const isFinalState = (state: TargetState): boolean => targetStateRules[state].final;
export const activeStates: TargetState[] = ['starting', 'transferring', 'running', 'waiting-reboot'];
