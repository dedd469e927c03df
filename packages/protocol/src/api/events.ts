import { Type, type Static } from '@sinclair/typebox';
import { MachineSummary } from './machines.js';

/** Events pushed to the console over `/api/v1/events` (server-sent events). */
export const MachineChangedEvent = Type.Object({
  type: Type.Literal('machine.changed'),
  machine: MachineSummary,
});
export const MachineRemovedEvent = Type.Object({
  type: Type.Literal('machine.removed'),
  machineId: Type.String(),
});
export const LiveEvent = Type.Union([MachineChangedEvent, MachineRemovedEvent]);
export type LiveEvent = Static<typeof LiveEvent>;
