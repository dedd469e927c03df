import { Type, type Static } from '@sinclair/typebox';

export const CreateEnrollmentTokenRequest = Type.Object(
  {
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Entity id or name; root when absent' })),
    expiresInMs: Type.Optional(Type.Integer({ minimum: 60_000, maximum: 366 * 86_400_000, default: 7 * 86_400_000 })),
    maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
    label: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const EnrollmentToken = Type.Object({
  id: Type.String(),
  entityId: Type.String(),
  entityName: Type.String(),
  label: Type.String(),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
  expiresAt: Type.Integer(),
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('exhausted'), Type.Literal('revoked')]),
});

/** The secret appears here once, at creation, and is never shown again. */
export const CreatedEnrollmentToken = Type.Composite([
  EnrollmentToken,
  Type.Object({
    token: Type.String(),
    caFingerprint: Type.String(),
    serverUrl: Type.String(),
    agentCommand: Type.String(),
  }),
]);

export type CreateEnrollmentTokenRequest = Static<typeof CreateEnrollmentTokenRequest>;
export type EnrollmentToken = Static<typeof EnrollmentToken>;
export type CreatedEnrollmentToken = Static<typeof CreatedEnrollmentToken>;
