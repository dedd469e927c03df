import { describe, expect, it } from 'vitest';
import type { OidcProviderView } from '@pons/protocol';
import { emptyOidcForm, oidcFormFrom, oidcRequest, scopeList, type OidcForm } from './oidc-form.js';

const filled: OidcForm = { ...emptyOidcForm, name: ' Keycloak ', issuer: 'https://sso.example.org/realms/staff/', clientId: 'pons' };

describe('oidcRequest', () => {
  it("sends the provider with Medulla's default claims", () => {
    expect(oidcRequest(filled).request).toEqual({
      name: 'Keycloak',
      issuer: 'https://sso.example.org/realms/staff',
      clientId: 'pons',
      scopes: ['openid', 'profile', 'email'],
      claims: { uid: 'preferred_username', givenName: 'given_name', sn: 'family_name', mail: 'email' },
      roleMappings: [],
      defaultRole: null,
      enabled: true,
    });
  });

  it('sends the secret when typed, the logo, the role claim and its mappings', () => {
    const request = oidcRequest({
      ...filled,
      clientSecret: 'xyz',
      logoUrl: 'https://sso.example.org/logo.png',
      roleClaim: 'groups',
      roleMappings: [{ match: 'pons-admins', entity: 'root', profile: 'p-admin' }],
      defaultRole: { entity: 'root', profile: 'p-tech', match: '' },
    }).request;
    expect(request).toMatchObject({
      clientSecret: 'xyz',
      logoUrl: 'https://sso.example.org/logo.png',
      roleClaim: 'groups',
      roleMappings: [{ value: 'pons-admins', entity: 'root', profile: 'p-admin' }],
      defaultRole: { entity: 'root', profile: 'p-tech' },
    });
  });

  it('says every mistake at once', () => {
    expect(
      oidcRequest({
        ...emptyOidcForm,
        logoUrl: 'logo.png',
        scopes: 'profile',
        claims: { ...emptyOidcForm.claims, uid: '' },
        roleMappings: [{ match: 'x', entity: '', profile: '' }],
      }).errors,
    ).toEqual([
      'Give the name shown on the login page.',
      'Logo URL: an http:// or https:// address, or empty.',
      'Issuer: the provider’s https:// address, such as https://login.example.org/realms/staff.',
      'Give the client ID registered at the provider.',
      'Scopes: openid is required.',
      'Give the claim holding the user name.',
      'Role mappings need the role claim they read.',
      'Role mapping 1: choose an entity and a profile.',
    ]);
  });
});

describe('scopeList', () => {
  it('splits on spaces and commas, once each', () => {
    expect(scopeList(' openid, profile  email openid ')).toEqual(['openid', 'profile', 'email']);
  });
});

describe('oidcFormFrom', () => {
  it('reads a saved provider, the secret kept as set', () => {
    const view: OidcProviderView = {
      ...(oidcRequest(filled).request as Omit<OidcProviderView, 'id' | 'clientSecretSet' | 'redirectUri'>),
      id: 'kc',
      roleClaim: 'groups',
      roleMappings: [{ value: 'ops', entity: 'Root', profile: 'p-tech' }],
      clientSecretSet: true,
      redirectUri: 'https://pons.example.org/api/v1/auth/oidc/callback',
    };
    const form = oidcFormFrom(view, [{ id: 'root', name: 'Root' }], [{ id: 'p-tech', name: 'Technician' }]);
    expect(form).toMatchObject({ scopes: 'openid profile email', clientSecret: '', clientSecretSet: true, roleClaim: 'groups' });
    expect(form.roleMappings).toEqual([{ match: 'ops', entity: 'root', profile: 'p-tech' }]);
  });
});
