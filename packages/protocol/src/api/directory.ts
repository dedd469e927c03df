import { Type, type Static } from '@sinclair/typebox';

const Ref = Type.String({ minLength: 1, maxLength: 128, description: 'Id or name' });
const OptionalSecret = Type.Optional(
  Type.String({ minLength: 1, maxLength: 1024, description: 'Write-only; absent keeps the stored one' }),
);

/** Where a mapped group or claim value lands: a profile on an entity. */
export const RoleTarget = Type.Object({ entity: Ref, profile: Ref }, { additionalProperties: false });
export type RoleTarget = Static<typeof RoleTarget>;

/* ---------------------------------------------------------------- LDAP / Active Directory */

export const LdapAttributes = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, default: 'uid' }),
    mail: Type.String({ minLength: 1, maxLength: 64, default: 'mail' }),
    givenName: Type.String({ minLength: 1, maxLength: 64, default: 'givenName' }),
    sn: Type.String({ minLength: 1, maxLength: 64, default: 'sn' }),
  },
  { additionalProperties: false },
);

const LdapFields = {
  enabled: Type.Boolean(),
  url: Type.String({ pattern: '^ldaps?://', maxLength: 500, description: 'ldap://host:389 or ldaps://host:636' }),
  startTls: Type.Boolean({ description: 'Upgrade ldap:// with StartTLS' }),
  caPem: Type.Optional(Type.String({ maxLength: 20_000, description: 'A CA to trust besides the system ones' })),
  bindDn: Type.String({ minLength: 1, maxLength: 500, description: 'The read-only service account' }),
  baseDn: Type.String({ minLength: 1, maxLength: 500 }),
  userFilter: Type.String({ minLength: 3, maxLength: 500, pattern: '\\{username\\}', description: '{username} is replaced, escaped' }),
  groupFilter: Type.Optional(Type.String({ maxLength: 500, description: '{dn} is replaced; absent: the memberOf attribute' })),
  attributes: LdapAttributes,
  groupMappings: Type.Array(Type.Object({ group: Type.String({ minLength: 1, maxLength: 500 }), ...RoleTarget.properties }), {
    maxItems: 200,
  }),
  defaultRole: Type.Union([RoleTarget, Type.Null()], { description: 'For users of no mapped group; null refuses them' }),
  timeoutMs: Type.Integer({ minimum: 1_000, maximum: 60_000, default: 10_000 }),
};

export const LdapSettingsRequest = Type.Object({ ...LdapFields, bindPassword: OptionalSecret }, { additionalProperties: false });
export type LdapSettingsRequest = Static<typeof LdapSettingsRequest>;

export const LdapSettingsView = Type.Object({ ...LdapFields, bindPasswordSet: Type.Boolean() });
export type LdapSettingsView = Static<typeof LdapSettingsView>;

export const LdapTestStep = Type.Object({ stage: Type.String(), ok: Type.Boolean(), message: Type.String() });
export const LdapTestResult = Type.Object({ ok: Type.Boolean(), steps: Type.Array(LdapTestStep) });
export type LdapTestResult = Static<typeof LdapTestResult>;

/* ---------------------------------------------------------------- OIDC providers */

export const OidcClaimMapping = Type.Object(
  {
    uid: Type.String({ minLength: 1, maxLength: 64, default: 'preferred_username' }),
    givenName: Type.String({ minLength: 1, maxLength: 64, default: 'given_name' }),
    sn: Type.String({ minLength: 1, maxLength: 64, default: 'family_name' }),
    mail: Type.String({ minLength: 1, maxLength: 64, default: 'email' }),
  },
  { additionalProperties: false },
);

const OidcFields = {
  name: Type.String({ minLength: 1, maxLength: 64, description: 'Shown on the login page' }),
  logoUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://' })),
  issuer: Type.String({ maxLength: 500, pattern: '^https?://' }),
  clientId: Type.String({ minLength: 1, maxLength: 255 }),
  scopes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, default: ['openid', 'profile', 'email'] }),
  claims: OidcClaimMapping,
  roleClaim: Type.Optional(Type.String({ maxLength: 64, description: 'A claim holding roles or groups, e.g. groups' })),
  roleMappings: Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 255 }), ...RoleTarget.properties }), {
    maxItems: 200,
  }),
  defaultRole: Type.Union([RoleTarget, Type.Null()], { description: 'For users no mapping matches; null refuses them' }),
  enabled: Type.Boolean(),
};

export const OidcProviderRequest = Type.Object({ ...OidcFields, clientSecret: OptionalSecret }, { additionalProperties: false });
export type OidcProviderRequest = Static<typeof OidcProviderRequest>;

export const OidcProviderView = Type.Object({
  id: Type.String(),
  ...OidcFields,
  clientSecretSet: Type.Boolean(),
  redirectUri: Type.String(),
});
export type OidcProviderView = Static<typeof OidcProviderView>;

/** What the login page offers, before anyone logs in. */
export const LoginMethods = Type.Object({
  ldap: Type.Boolean(),
  providers: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), logoUrl: Type.Union([Type.String(), Type.Null()]) })),
});
export type LoginMethods = Static<typeof LoginMethods>;

/* ---------------------------------------------------------------- second factor */

export const SecondFactorChallenge = Type.Object({
  secondFactorRequired: Type.Literal(true),
  challenge: Type.String({ description: 'Send it back with the code; valid 5 minutes' }),
});
export type SecondFactorChallenge = Static<typeof SecondFactorChallenge>;

export const SecondFactorRequest = Type.Object(
  {
    challenge: Type.String({ minLength: 10, maxLength: 200 }),
    code: Type.String({ minLength: 6, maxLength: 32, description: 'A TOTP code or a recovery code' }),
  },
  { additionalProperties: false },
);
export type SecondFactorRequest = Static<typeof SecondFactorRequest>;

export const TotpEnrolment = Type.Object({ secret: Type.String(), uri: Type.String(), qrSvg: Type.String() });
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpCodeRequest = Type.Object({ code: Type.String({ minLength: 6, maxLength: 32 }) }, { additionalProperties: false });
export type TotpCodeRequest = Static<typeof TotpCodeRequest>;

export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;
