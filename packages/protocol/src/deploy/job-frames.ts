import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../common.js';
import { JobState } from './target-states.js';

/** Why a job failed, in terms a person can act on. */
export const JobFailure = Type.Object(
  {
    message: Type.String({ maxLength: 4000 }),
    /** The step that failed (1-based), when one did. */
    step: Type.Optional(Type.Integer({ minimum: 1 })),
    exitCode: Type.Optional(Type.Integer()),
    /** The last lines the step wrote, for the failure message. */
    lastLines: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 })),
    /** For a transfer: the HTTP status or network error. */
    httpStatus: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type JobFailure = Static<typeof JobFailure>;

export const JobStateEvent = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    at: Type.Integer({ minimum: 0 }),
    kind: Type.Literal('state'),
    state: JobState,
    /** The step running or about to run (1-based). */
    step: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Transfer progress, 0-100. */
    percent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    message: Type.Optional(Type.String({ maxLength: 2000 })),
    failure: Type.Optional(JobFailure),
  },
  { additionalProperties: false },
);

export const JobOutputEvent = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    at: Type.Integer({ minimum: 0 }),
    kind: Type.Literal('output'),
    step: Type.Integer({ minimum: 1 }),
    stream: Type.Union([Type.Literal('stdout'), Type.Literal('stderr'), Type.Literal('agent')]),
    lines: Type.Array(Type.String({ maxLength: 4000 }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);

export const JobEvent = Type.Union([JobStateEvent, JobOutputEvent]);
export type JobStateEvent = Static<typeof JobStateEvent>;
export type JobOutputEvent = Static<typeof JobOutputEvent>;
export type JobEvent = Static<typeof JobEvent>;

/** Progress of one job, from the agent; the server answers `ack` with the frame id. */
export const JobFrame = Type.Object(
  {
    type: Type.Literal('job'),
    id: Id,
    deploymentId: Id,
    attempt: Type.Integer({ minimum: 1 }),
    events: Type.Array(JobEvent, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type JobFrame = Static<typeof JobFrame>;

/** Output lines kept per step on the agent; past this the step's output is summarised. */
export const MAX_OUTPUT_LINES_PER_STEP = 1000;
