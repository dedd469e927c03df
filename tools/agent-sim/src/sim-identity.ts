import type { AgentFacts, HardwareIdentity } from '@pons/protocol';

/**
 * Everything that tells one simulated agent from another is derived from the run id and its
 * number, so nothing per agent needs to be kept in memory or in the state file but its key and
 * machine id.
 */
export function simHostname(runId: string, index: number): string {
  return `sim-${runId}-${index}`;
}

/** The id a real agent generates once and keeps; at least 16 characters by the protocol. */
export function simGeneratedId(runId: string, index: number): string {
  return `agent-sim-${runId}-${String(index).padStart(6, '0')}`;
}

export function simIdentity(runId: string, index: number): HardwareIdentity {
  return { generatedId: simGeneratedId(runId, index) };
}

/** A locally administered MAC (02:...) unique within a run of up to 2^24 agents. */
export function simMac(runId: string, index: number): string {
  const run = parseInt(runId.slice(0, 2).padEnd(2, '0'), 36) & 0xff;
  const bytes = [0x02, run, (index >> 24) & 0xff, (index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** An address in 10.0.0.0/8 that matches the agent's number, for lists that show one. */
export function simAddress(index: number): string {
  const n = index + 1;
  return `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

const TEMPLATE: Omit<AgentFacts, 'hostname' | 'ipAddresses' | 'macAddresses'> = {
  platform: 'linux',
  osName: 'Debian GNU/Linux',
  osVersion: '12 (bookworm)',
  arch: 'x64',
};

/** The facts sent at connect, built on demand rather than stored per agent. */
export function simFacts(runId: string, index: number): AgentFacts {
  return { ...TEMPLATE, hostname: simHostname(runId, index), ipAddresses: [simAddress(index)], macAddresses: [simMac(runId, index)] };
}
