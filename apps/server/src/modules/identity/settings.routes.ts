import { Type } from '@sinclair/typebox';
import {
  LdapSettingsRequest,
  LdapSettingsView,
  LdapTestResult,
  OidcProviderRequest,
  OidcProviderView,
  SecuritySettings,
} from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import type { DirectorySettings } from './directory-settings.js';
import { LdapDirectory } from './ldap/ldap-directory.js';
import type { OidcLogin } from './oidc-login.js';

const tags = ['settings'];
const ro = access.feature('admin', 'ro');
const rw = access.feature('admin', 'rw');
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** Authentication settings: session idle timeout, LDAP directory, OIDC providers. Secrets are write-only. */
export function settingsRoutes(app: App, settings: DirectorySettings, oidc: OidcLogin): void {
  app.get(
    '/api/v1/settings/security',
    { config: { access: ro }, schema: { tags, summary: 'Session settings', response: responses(SecuritySettings) } },
    async () => settings.security(),
  );

  app.put(
    '/api/v1/settings/security',
    {
      config: { access: rw, audit: { action: 'settings.security.update', objectType: 'settings' } },
      schema: { tags, summary: 'Change the session settings', body: SecuritySettings, response: responses(SecuritySettings) },
    },
    async (request) => {
      auditTarget(request, { objectId: 'security', details: { ...request.body } });
      return settings.saveSecurity(request.body, requirePrincipal(request).username);
    },
  );

  app.get(
    '/api/v1/settings/ldap',
    {
      config: { access: ro },
      schema: {
        tags,
        summary: 'The LDAP directory settings',
        response: responses(Type.Object({ settings: Type.Union([LdapSettingsView, Type.Null()]) })),
      },
    },
    async () => ({ settings: await settings.ldapView() }),
  );

  app.put(
    '/api/v1/settings/ldap',
    {
      config: { access: rw, audit: { action: 'settings.ldap.update', objectType: 'settings' } },
      schema: {
        tags,
        summary: 'Change the LDAP directory settings',
        body: LdapSettingsRequest,
        response: responses(Type.Object({ settings: LdapSettingsView })),
      },
    },
    async (request) => {
      const { bindPassword, ...shown } = request.body;
      auditTarget(request, { objectId: 'ldap', details: { ...shown, bindPasswordChanged: bindPassword !== undefined } });
      return { settings: await settings.saveLdap(request.body, requirePrincipal(request).username) };
    },
  );

  app.post(
    '/api/v1/settings/ldap/test',
    {
      config: { access: rw, audit: { action: 'settings.ldap.test', objectType: 'settings' } },
      schema: {
        tags,
        summary: 'Try the LDAP settings (given, or saved) step by step',
        body: Type.Object({ settings: Type.Optional(LdapSettingsRequest) }, { additionalProperties: false }),
        response: responses(LdapTestResult),
      },
    },
    async (request) => {
      const draft = request.body.settings;
      const resolved = await settings.ldapWithSecret(draft);
      if (!resolved) return { ok: false, steps: [{ stage: 'settings', ok: false, message: 'No LDAP settings are saved yet.' }] };
      const result = await new LdapDirectory(resolved).testConnection();
      auditTarget(request, { objectId: 'ldap', details: { ok: result.ok } });
      return result;
    },
  );

  app.get(
    '/api/v1/oidc-providers',
    {
      config: { access: ro },
      schema: { tags, summary: 'OIDC providers', response: responses(Type.Object({ items: Type.Array(OidcProviderView) })) },
    },
    async () => ({ items: await settings.providers() }),
  );

  app.post(
    '/api/v1/oidc-providers',
    {
      config: { access: rw, audit: { action: 'settings.oidc.create', objectType: 'oidc-provider' } },
      schema: { tags, summary: 'Add an OIDC provider', body: OidcProviderRequest, response: responses(OidcProviderView, 201) },
    },
    async (request, reply) => {
      const view = await settings.saveProvider(null, request.body);
      auditTarget(request, { objectId: view.id, objectName: view.name, details: { issuer: view.issuer, clientId: view.clientId } });
      return reply.status(201).send(view);
    },
  );

  app.put(
    '/api/v1/oidc-providers/:id',
    {
      config: { access: rw, audit: { action: 'settings.oidc.update', objectType: 'oidc-provider' } },
      schema: { tags, summary: 'Change an OIDC provider', params: Id, body: OidcProviderRequest, response: responses(OidcProviderView) },
    },
    async (request) => {
      const view = await settings.saveProvider(request.params.id, request.body);
      auditTarget(request, {
        objectName: view.name,
        details: { issuer: view.issuer, clientSecretChanged: request.body.clientSecret !== undefined },
      });
      return view;
    },
  );

  app.delete(
    '/api/v1/oidc-providers/:id',
    {
      config: { access: rw, audit: { action: 'settings.oidc.delete', objectType: 'oidc-provider' } },
      schema: { tags, summary: 'Remove an OIDC provider', params: Id, response: responses(NoContent) },
    },
    async (request) => {
      await settings.deleteProvider(request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/oidc-providers/test',
    {
      config: { access: rw, audit: { action: 'settings.oidc.test', objectType: 'oidc-provider' } },
      schema: {
        tags,
        summary: "Fetch a provider's discovery document",
        body: Type.Object({ issuer: Type.String({ pattern: '^https?://', maxLength: 500 }) }, { additionalProperties: false }),
        response: responses(Type.Object({ ok: Type.Boolean(), message: Type.String() })),
      },
    },
    async (request) => oidc.testDiscovery(request.body.issuer),
  );
}
