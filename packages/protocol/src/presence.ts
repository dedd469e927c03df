import { Type, type Static } from '@sinclair/typebox';

export const MachineStatus = Type.Union([Type.Literal('online'), Type.Literal('offline')]);
export type MachineStatus = Static<typeof MachineStatus>;

/**
 * Why a machine is offline. Stored with the status change and shown to users, so that an
 * administrator can tell a laptop that went to sleep from a network that dropped.
 */
export const OfflineReason = Type.Union([
  Type.Literal('never-connected'),
  Type.Literal('agent-stopped'),
  Type.Literal('host-sleep'),
  Type.Literal('host-shutdown'),
  Type.Literal('network-timeout'),
  Type.Literal('connection-lost'),
  Type.Literal('protocol-error'),
  Type.Literal('replaced'),
  Type.Literal('server-stopped'),
  Type.Literal('server-restarted'),
  Type.Literal('server-node-lost'),
]);
export type OfflineReason = Static<typeof OfflineReason>;

export const offlineReasonLabels: Record<OfflineReason, string> = {
  'never-connected': 'never connected',
  'agent-stopped': 'agent stopped',
  'host-sleep': 'host went to sleep',
  'host-shutdown': 'host shutting down',
  'network-timeout': 'network timeout (no answer to pings)',
  'connection-lost': 'connection lost',
  'protocol-error': 'protocol error',
  replaced: 'replaced by a newer connection',
  'server-stopped': 'server stopped',
  'server-restarted': 'server restarted',
  'server-node-lost': 'server node lost (reconnecting to another)',
};

/** Reasons the agent may announce itself before closing its connection. */
export const GoodbyeReason = Type.Union([Type.Literal('agent-stopped'), Type.Literal('host-sleep'), Type.Literal('host-shutdown')]);
export type GoodbyeReason = Static<typeof GoodbyeReason>;
