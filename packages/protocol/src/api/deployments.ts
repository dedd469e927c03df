import { Type, type Static } from '@sinclair/typebox';
import { JobFailure } from '../deploy/job-frames.js';
import { TargetState } from '../deploy/target-states.js';
import { DeploymentWindows } from '../deploy/windows.js';

export const DeploymentTargets = Type.Object(
  {
    machines: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { minItems: 1, maxItems: 50_000 })),
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Every machine of this entity and its sub-entities' })),
    all: Type.Optional(Type.Boolean({ description: 'Every machine you may deploy to' })),
    group: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'A group (id or name): its members' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CreateDeploymentRequest = Type.Object(
  {
    package: Type.String({ minLength: 1, maxLength: 128, description: 'Package id or name' }),
    revision: Type.Optional(Type.Integer({ minimum: 1, description: 'The latest submitted version when absent' })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    targets: DeploymentTargets,
    startAt: Type.Optional(Type.Integer({ minimum: 0, description: 'Now when absent' })),
    endAt: Type.Optional(Type.Integer({ minimum: 0, description: 'A day after the start when absent' })),
    windows: Type.Optional(DeploymentWindows),
    wakeOnLan: Type.Optional(Type.Boolean()),
    maxConcurrent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    maxBytesPerSecond: Type.Optional(Type.Integer({ minimum: 1024 })),
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    converge: Type.Optional(
      Type.Boolean({
        description:
          "Keep it applied (an entity or all machines): machines that join later get it, and where the package's check says it is missing it is deployed again. No end unless given.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateDeploymentRequest = Static<typeof CreateDeploymentRequest>;

export const DeploymentStatus = Type.Union([Type.Literal('active'), Type.Literal('stopped'), Type.Literal('finished')]);

export const DeploymentSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  packageId: Type.String(),
  packageName: Type.String(),
  version: Type.String(),
  revision: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Type.Integer(),
  startAt: Type.Integer(),
  endAt: Type.Integer(),
  windows: Type.Union([Type.String(), Type.Null()]),
  wakeOnLan: Type.Boolean(),
  maxConcurrent: Type.Union([Type.Integer(), Type.Null()]),
  maxBytesPerSecond: Type.Union([Type.Integer(), Type.Null()]),
  retries: Type.Integer(),
  converge: Type.Boolean(),
  /** When convergence last looked for new machines and checked the others. */
  convergedAt: Type.Union([Type.Integer(), Type.Null()]),
  status: DeploymentStatus,
  total: Type.Integer(),
  /** How many targets are in each state. */
  counts: Type.Record(Type.String(), Type.Integer()),
});
export type DeploymentSummary = Static<typeof DeploymentSummary>;

export const DeploymentTarget = Type.Object({
  deploymentId: Type.String(),
  machineId: Type.String(),
  hostname: Type.String(),
  attempt: Type.Integer(),
  state: TargetState,
  /** Medulla's name for the state, with the step or percent when there is one. */
  label: Type.String(),
  final: Type.Boolean(),
  stateSince: Type.Integer(),
  /** When the scheduler looks at it again if nothing else happens first. */
  deadlineAt: Type.Union([Type.Integer(), Type.Null()]),
  step: Type.Union([Type.Integer(), Type.Null()]),
  percent: Type.Union([Type.Integer(), Type.Null()]),
  exitCode: Type.Union([Type.Integer(), Type.Null()]),
  /** What happened, for a failure: a sentence a person can act on. */
  message: Type.Union([Type.String(), Type.Null()]),
  lastLines: Type.Array(Type.String()),
});
export type DeploymentTarget = Static<typeof DeploymentTarget>;

export const DeploymentDetail = Type.Composite([DeploymentSummary, Type.Object({ targets: Type.Array(DeploymentTarget) })]);
export type DeploymentDetail = Static<typeof DeploymentDetail>;

export const DeploymentList = Type.Object({ items: Type.Array(DeploymentSummary), total: Type.Integer() });
export type DeploymentList = Static<typeof DeploymentList>;

/** One line of a deployment's audit: a state change or output of a step. */
export const AuditLine = Type.Object({
  deploymentId: Type.String(),
  machineId: Type.String(),
  attempt: Type.Integer(),
  at: Type.Integer(),
  kind: Type.Union([Type.Literal('state'), Type.Literal('output')]),
  state: Type.Union([TargetState, Type.Null()]),
  step: Type.Union([Type.Integer(), Type.Null()]),
  stream: Type.Union([Type.Literal('stdout'), Type.Literal('stderr'), Type.Literal('agent'), Type.Null()]),
  text: Type.String(),
  failure: Type.Union([JobFailure, Type.Null()]),
});
export type AuditLine = Static<typeof AuditLine>;

export const AuditQuery = Type.Object(
  {
    machine: Type.Optional(Type.String({ maxLength: 255 })),
    attempt: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const TargetSelection = Type.Object(
  {
    machines: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { minItems: 1, maxItems: 50_000 })),
  },
  { additionalProperties: false },
);
export type TargetSelection = Static<typeof TargetSelection>;

/** Events of one deployment's live stream (`/api/v1/deployments/:id/events`). */
export const DeploymentLiveEvent = Type.Union([
  Type.Object({ type: Type.Literal('deployment.target'), target: DeploymentTarget }),
  Type.Object({ type: Type.Literal('deployment.audit'), lines: Type.Array(AuditLine) }),
]);
export type DeploymentLiveEvent = Static<typeof DeploymentLiveEvent>;
