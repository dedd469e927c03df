import { Type, type Static } from '@sinclair/typebox';
import { AccessLevel, Feature } from '../permissions.js';

const Name = Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S(.*\\S)?$' });
const Ref = Type.String({ minLength: 1, maxLength: 128, description: 'Id or name' });

/* ---------------------------------------------------------------- entities */

export const CreateEntityRequest = Type.Object(
  {
    name: Name,
    parent: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Parent entity id or name; root when absent' })),
  },
  { additionalProperties: false },
);
export type CreateEntityRequest = Static<typeof CreateEntityRequest>;

export const UpdateEntityRequest = Type.Object(
  { name: Type.Optional(Name), parent: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateEntityRequest = Static<typeof UpdateEntityRequest>;

export const EntityDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  machines: Type.Integer(),
  children: Type.Integer(),
});
export type EntityDetail = Static<typeof EntityDetail>;

export const MoveMachinesRequest = Type.Object(
  {
    machines: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { minItems: 1, maxItems: 10_000, description: 'Hostnames or ids' }),
    entity: Ref,
  },
  { additionalProperties: false },
);
export type MoveMachinesRequest = Static<typeof MoveMachinesRequest>;

/* ---------------------------------------------------------------- profiles */

export const Permissions = Type.Record(Feature, AccessLevel);
export type Permissions = Static<typeof Permissions>;

export const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  builtin: Type.Boolean(),
  superAdmin: Type.Boolean(),
  permissions: Type.Partial(Permissions),
  users: Type.Integer(),
});
export type Profile = Static<typeof Profile>;

export const SaveProfileRequest = Type.Object({ name: Name, permissions: Type.Partial(Permissions) }, { additionalProperties: false });
export type SaveProfileRequest = Static<typeof SaveProfileRequest>;

/* ---------------------------------------------------------------- users */

export const RoleAssignment = Type.Object({ entity: Ref, profile: Ref }, { additionalProperties: false });
export type RoleAssignment = Static<typeof RoleAssignment>;

export const UserSource = Type.Union([Type.Literal('local'), Type.Literal('ldap'), Type.Literal('oidc')]);
export type UserSource = Static<typeof UserSource>;

export const UserSummary = Type.Object({
  id: Type.String(),
  username: Type.String(),
  source: UserSource,
  givenName: Type.Union([Type.String(), Type.Null()]),
  sn: Type.Union([Type.String(), Type.Null()]),
  mail: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  createdAt: Type.Integer(),
  lastLoginAt: Type.Union([Type.Integer(), Type.Null()]),
  roles: Type.Array(
    Type.Object({ entityId: Type.String(), entityName: Type.String(), profileId: Type.String(), profileName: Type.String() }),
  ),
});
export type UserSummary = Static<typeof UserSummary>;

export const CreateUserRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._@-]+$' }),
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'Initial password; the user must change it at first login' }),
    givenName: Type.Optional(Type.String({ maxLength: 128 })),
    sn: Type.Optional(Type.String({ maxLength: 128 })),
    mail: Type.Optional(Type.String({ maxLength: 254 })),
    roles: Type.Array(RoleAssignment, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type CreateUserRequest = Static<typeof CreateUserRequest>;

export const UpdateUserRequest = Type.Object(
  {
    givenName: Type.Optional(Type.String({ maxLength: 128 })),
    sn: Type.Optional(Type.String({ maxLength: 128 })),
    mail: Type.Optional(Type.String({ maxLength: 254 })),
    disabled: Type.Optional(Type.Boolean()),
    roles: Type.Optional(Type.Array(RoleAssignment, { maxItems: 500 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Reset: the user must change it at next login' })),
    resetSecondFactor: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;

/* ---------------------------------------------------------------- API tokens */

export const ApiTokenNarrowing = Type.Object(
  {
    permissions: Type.Optional(Type.Partial(Permissions, { description: 'At most these permissions (never more than the user holds)' })),
    entities: Type.Optional(Type.Array(Ref, { minItems: 1, maxItems: 100, description: 'Only these entities and their sub-entities' })),
  },
  { additionalProperties: false },
);
export type ApiTokenNarrowing = Static<typeof ApiTokenNarrowing>;

export const CreateApiTokenRequest = Type.Object(
  {
    name: Name,
    expiresInMs: Type.Optional(Type.Integer({ minimum: 60_000, maximum: 2 * 366 * 86_400_000, default: 90 * 86_400_000 })),
    narrowing: Type.Optional(ApiTokenNarrowing),
  },
  { additionalProperties: false },
);
export type CreateApiTokenRequest = Static<typeof CreateApiTokenRequest>;

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  userId: Type.String(),
  username: Type.String(),
  prefix: Type.String({ description: 'The first characters of the secret, to recognise it' }),
  createdAt: Type.Integer(),
  expiresAt: Type.Integer(),
  lastUsedAt: Type.Union([Type.Integer(), Type.Null()]),
  revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  narrowing: Type.Union([ApiTokenNarrowing, Type.Null()]),
  state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
});
export type ApiToken = Static<typeof ApiToken>;

/** The secret appears here once, at creation. */
export const CreatedApiToken = Type.Composite([ApiToken, Type.Object({ token: Type.String() })]);
export type CreatedApiToken = Static<typeof CreatedApiToken>;

/* ---------------------------------------------------------------- sessions */

export const SessionInfo = Type.Object({
  id: Type.String({ description: 'A short public id, not the secret' }),
  kind: Type.String(),
  address: Type.String(),
  createdAt: Type.Integer(),
  lastSeenAt: Type.Integer(),
  expiresAt: Type.Integer(),
  current: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const SecuritySettings = Type.Object(
  {
    sessionIdleTimeoutMs: Type.Integer({ minimum: 60_000, maximum: 7 * 86_400_000, description: "Medulla's sessiontimeout" }),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettings>;
