import type {
  AuditLogPage,
  AuditLogQuery,
  CreateEntityRequest,
  CreateUserRequest,
  EntityDetail,
  LdapSettingsRequest,
  LdapSettingsView,
  LdapTestResult,
  MoveMachinesRequest,
  OidcProviderRequest,
  OidcProviderView,
  Profile,
  SaveProfileRequest,
  SecuritySettings,
  UpdateEntityRequest,
  UpdateUserRequest,
  UserSummary,
} from '@pons/protocol';
import { request } from './api.js';
import { auditSearch } from './audit/audit-query.js';

const ref = (id: string) => encodeURIComponent(id);

/** Administration (entities, users, profiles, login settings), moving machines, and the audit log. */
export const adminApi = {
  entities: () => request<{ items: EntityDetail[] }>('GET', '/api/v1/admin/entities'),
  createEntity: (body: CreateEntityRequest) => request<EntityDetail>('POST', '/api/v1/entities', body),
  updateEntity: (id: string, body: UpdateEntityRequest) => request<EntityDetail>('PATCH', `/api/v1/entities/${ref(id)}`, body),
  deleteEntity: (id: string) => request<void>('DELETE', `/api/v1/entities/${ref(id)}`),
  moveMachines: (body: MoveMachinesRequest) => request<{ moved: number }>('POST', '/api/v1/machines/move', body),

  profiles: () => request<{ items: Profile[] }>('GET', '/api/v1/profiles'),
  createProfile: (body: SaveProfileRequest) => request<Profile>('POST', '/api/v1/profiles', body),
  saveProfile: (id: string, body: SaveProfileRequest) => request<Profile>('PUT', `/api/v1/profiles/${ref(id)}`, body),
  deleteProfile: (id: string) => request<void>('DELETE', `/api/v1/profiles/${ref(id)}`),

  users: () => request<{ items: UserSummary[] }>('GET', '/api/v1/users'),
  user: (id: string) => request<UserSummary>('GET', `/api/v1/users/${ref(id)}`),
  createUser: (body: CreateUserRequest) => request<UserSummary>('POST', '/api/v1/users', body),
  updateUser: (id: string, body: UpdateUserRequest) => request<UserSummary>('PATCH', `/api/v1/users/${ref(id)}`, body),
  deleteUser: (id: string) => request<void>('DELETE', `/api/v1/users/${ref(id)}`),
  logOutUserEverywhere: (id: string) => request<void>('POST', `/api/v1/users/${ref(id)}/logout-everywhere`),

  security: () => request<SecuritySettings>('GET', '/api/v1/settings/security'),
  saveSecurity: (body: SecuritySettings) => request<SecuritySettings>('PUT', '/api/v1/settings/security', body),
  ldap: () => request<{ settings: LdapSettingsView | null }>('GET', '/api/v1/settings/ldap'),
  saveLdap: (body: LdapSettingsRequest) => request<{ settings: LdapSettingsView }>('PUT', '/api/v1/settings/ldap', body),
  /** The values given (an absent bind password: the stored one), or what is saved when none are. */
  testLdap: (body?: LdapSettingsRequest) => request<LdapTestResult>('POST', '/api/v1/settings/ldap/test', body ?? {}),
  oidcProviders: () => request<{ items: OidcProviderView[] }>('GET', '/api/v1/oidc-providers'),
  createOidcProvider: (body: OidcProviderRequest) => request<OidcProviderView>('POST', '/api/v1/oidc-providers', body),
  saveOidcProvider: (id: string, body: OidcProviderRequest) => request<OidcProviderView>('PUT', `/api/v1/oidc-providers/${ref(id)}`, body),
  deleteOidcProvider: (id: string) => request<void>('DELETE', `/api/v1/oidc-providers/${ref(id)}`),
  testOidcIssuer: (issuer: string) => request<{ ok: boolean; message: string }>('POST', '/api/v1/oidc-providers/test', { issuer }),

  audit: (query: AuditLogQuery) => request<AuditLogPage>('GET', `/api/v1/audit${auditSearch(query)}`),
};
