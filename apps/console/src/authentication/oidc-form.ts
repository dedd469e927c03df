import type { OidcProviderRequest, OidcProviderView } from '@pons/protocol';
import {
  defaultRoleErrors,
  defaultRoleTarget,
  defaultRowFrom,
  emptyRow,
  roleErrors,
  roleTarget,
  rowFrom,
  type RoleRow,
} from '../admin/role-rows.js';
import type { Result } from '../users/user-form.js';

/** An OIDC provider's form as typed (scopes as one line, the client secret write-only), and its request. Pure, tested. */
export interface OidcForm {
  name: string;
  logoUrl: string;
  issuer: string;
  clientId: string;
  /** Empty keeps the stored one. */
  clientSecret: string;
  clientSecretSet: boolean;
  /** Separated by spaces or commas. */
  scopes: string;
  claims: { uid: string; givenName: string; sn: string; mail: string };
  roleClaim: string;
  /** `match` is the claim's value. */
  roleMappings: RoleRow[];
  defaultRole: RoleRow;
  enabled: boolean;
}

interface Named {
  id: string;
  name: string;
}

/** The claims Medulla reads by default. */
export const DEFAULT_CLAIMS = { uid: 'preferred_username', givenName: 'given_name', sn: 'family_name', mail: 'email' };

export const emptyOidcForm: OidcForm = {
  name: '',
  logoUrl: '',
  issuer: '',
  clientId: '',
  clientSecret: '',
  clientSecretSet: false,
  scopes: 'openid profile email',
  claims: DEFAULT_CLAIMS,
  roleClaim: '',
  roleMappings: [],
  defaultRole: emptyRow,
  enabled: true,
};

export function oidcFormFrom(view: OidcProviderView | null, entities: readonly Named[], profiles: readonly Named[]): OidcForm {
  if (!view) return emptyOidcForm;
  return {
    name: view.name,
    logoUrl: view.logoUrl ?? '',
    issuer: view.issuer,
    clientId: view.clientId,
    clientSecret: '',
    clientSecretSet: view.clientSecretSet,
    scopes: view.scopes.join(' '),
    claims: { ...view.claims },
    roleClaim: view.roleClaim ?? '',
    roleMappings: view.roleMappings.map((m) => rowFrom(m, entities, profiles, m.value)),
    defaultRole: defaultRowFrom(view.defaultRole, entities, profiles),
    enabled: view.enabled,
  };
}

export const scopeList = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

const CLAIM_NAMES = { uid: 'user name', givenName: 'given name', sn: 'surname', mail: 'mail' } as const;
const isHttpUrl = (text: string) => /^https?:\/\/\S+$/.test(text);

export function oidcRequest(form: OidcForm): Result<OidcProviderRequest> {
  const errors: string[] = [];
  if (!form.name.trim()) errors.push('Give the name shown on the login page.');
  if (form.logoUrl.trim() && !isHttpUrl(form.logoUrl.trim())) errors.push('Logo URL: an http:// or https:// address, or empty.');
  if (!isHttpUrl(form.issuer.trim()))
    errors.push('Issuer: the provider’s https:// address, such as https://login.example.org/realms/staff.');
  if (!form.clientId.trim()) errors.push('Give the client ID registered at the provider.');
  const scopes = scopeList(form.scopes);
  if (!scopes.includes('openid')) errors.push('Scopes: openid is required.');
  for (const key of ['uid', 'givenName', 'sn', 'mail'] as const) {
    if (!form.claims[key].trim()) errors.push(`Give the claim holding the ${CLAIM_NAMES[key]}.`);
  }
  if (form.roleMappings.length > 0 && !form.roleClaim.trim()) errors.push('Role mappings need the role claim they read.');
  errors.push(...roleErrors(form.roleMappings, 'Role mapping', true), ...defaultRoleErrors(form.defaultRole));
  if (errors.length > 0) return { errors };

  const request: OidcProviderRequest = {
    name: form.name.trim(),
    issuer: form.issuer.trim().replace(/\/+$/, ''),
    clientId: form.clientId.trim(),
    scopes,
    claims: {
      uid: form.claims.uid.trim(),
      givenName: form.claims.givenName.trim(),
      sn: form.claims.sn.trim(),
      mail: form.claims.mail.trim(),
    },
    roleMappings: form.roleMappings.map((row) => ({ value: row.match.trim(), ...roleTarget(row) })),
    defaultRole: defaultRoleTarget(form.defaultRole),
    enabled: form.enabled,
  };
  if (form.logoUrl.trim()) request.logoUrl = form.logoUrl.trim();
  if (form.roleClaim.trim()) request.roleClaim = form.roleClaim.trim();
  if (form.clientSecret) request.clientSecret = form.clientSecret;
  return { request };
}
