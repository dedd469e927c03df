import { Type, type Static } from '@sinclair/typebox';
import { JobStates, TargetStates } from './target-state-rules.js';

export * from './target-state-rules.js';

export type TargetState = (typeof TargetStates)[number];
export const TargetState = Type.Union(TargetStates.map((s) => Type.Literal(s)));

/** States the agent reports in its job frames. */
export type JobState = (typeof JobStates)[number];
export const JobState = Type.Union(JobStates.map((s) => Type.Literal(s)));

export type TargetStateType = Static<typeof TargetState>;
