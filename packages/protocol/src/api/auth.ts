import { Type, type Static } from '@sinclair/typebox';
import { AccessLevel, Feature } from '../permissions.js';

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    /** `cli` sessions get a bearer token in the body instead of relying on the cookie alone. */
    client: Type.Optional(Type.Union([Type.Literal('browser'), Type.Literal('cli')])),
  },
  { additionalProperties: false },
);

export const EntityGrant = Type.Object({
  entityId: Type.String(),
  entityName: Type.String(),
  profile: Type.String(),
  permissions: Type.Partial(Type.Record(Feature, AccessLevel)),
});

export const CurrentUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  superAdmin: Type.Boolean(),
  passwordChangeRequired: Type.Boolean(),
  /** Where the account comes from: local password, LDAP directory or an OIDC provider. */
  source: Type.Union([Type.Literal('local'), Type.Literal('ldap'), Type.Literal('oidc')]),
  totpEnabled: Type.Boolean(),
  grants: Type.Array(EntityGrant),
});

export const LoginResponse = Type.Object({
  user: CurrentUser,
  csrfToken: Type.String(),
  expiresAt: Type.Integer(),
  token: Type.Optional(Type.String({ description: 'Bearer token, returned for client=cli only' })),
});

export const ChangePasswordRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export type LoginRequest = Static<typeof LoginRequest>;
export type LoginResponse = Static<typeof LoginResponse>;
export type CurrentUser = Static<typeof CurrentUser>;
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

/** Minimum rules every local password must meet; the server tells which one failed. */
export const PASSWORD_MIN_LENGTH = 12;
