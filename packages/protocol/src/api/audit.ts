import { Type, type Static } from '@sinclair/typebox';

export const AuditLogOutcome = Type.Union([Type.Literal('success'), Type.Literal('failure')]);
export type AuditLogOutcome = Static<typeof AuditLogOutcome>;

/** One state-changing action: who, when, from where, on what, and how it ended. */
export const AuditLogEntry = Type.Object({
  id: Type.String(),
  at: Type.Integer(),
  actor: Type.Union([Type.String(), Type.Null()], { description: 'User name, "agent:<hostname>" or null when unknown' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: 'Stable code such as auth.login, deployment.create' }),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  objectName: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  outcome: AuditLogOutcome,
  errorCode: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditLogEntry = Static<typeof AuditLogEntry>;

export const AuditLogQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Text found in the actor, the object or the action' })),
    action: Type.Optional(Type.String({ maxLength: 100, description: 'An action or a prefix ending with "." (auth.)' })),
    actor: Type.Optional(Type.String({ maxLength: 128 })),
    outcome: Type.Optional(AuditLogOutcome),
    entity: Type.Optional(Type.String({ maxLength: 128 })),
    objectId: Type.Optional(Type.String({ maxLength: 255 })),
    from: Type.Optional(Type.Integer({ minimum: 0 })),
    to: Type.Optional(Type.Integer({ minimum: 0 })),
    before: Type.Optional(Type.String({ maxLength: 64, description: 'Cursor: the id of the last entry of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AuditLogQuery = Static<typeof AuditLogQuery>;

export const AuditLogExportQuery = Type.Composite([
  Type.Omit(AuditLogQuery, ['before', 'limit']),
  Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')]) }),
]);
export type AuditLogExportQuery = Static<typeof AuditLogExportQuery>;

export const AuditLogPage = Type.Object({
  items: Type.Array(AuditLogEntry),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `before` for the next page' }),
});
export type AuditLogPage = Static<typeof AuditLogPage>;
