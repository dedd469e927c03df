import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser, EntityDetail, LoginMethods, OidcProviderRequest, OidcProviderView, UserSummary } from '@pons/protocol';
import { ApiClient, databaseBackends, oidcLoginWithoutBrowser, TestOidcProvider } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

const SECRET = 'Oidc-Client-Secret-That-Must-Stay-Sealed';
const users = {
  'jdoe-sub': {
    password: 'Correct-Horse-42',
    claims: { preferred_username: 'jdoe', given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com', groups: ['it-staff', 'x'] },
  },
  'guest-sub': { password: 'Guest-Horse-42', claims: { preferred_username: 'guest', email: 'guest@example.com', groups: ['visitors'] } },
};

/** Every file under a directory, for a search of a string in the stored data. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe.each(databaseBackends())('OIDC login through the API on %s', (backend) => {
  const server = new TestServer(backend);
  let op: TestOidcProvider;
  let admin: ApiClient;
  let lyon: EntityDetail;
  let provider: OidcProviderView;
  let redirectUri: string;
  let jdoeCallback: URL;

  const request = (enabled = true): OidcProviderRequest => ({
    name: 'Test IdP',
    issuer: op.issuer,
    clientId: 'pons',
    clientSecret: SECRET,
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { uid: 'preferred_username', givenName: 'given_name', sn: 'family_name', mail: 'email' },
    roleClaim: 'groups',
    roleMappings: [{ value: 'it-staff', entity: lyon.id, profile: 'Technician' }],
    defaultRole: null,
    enabled,
  });
  const anonymous = () => new ApiClient(server.url, server.server.caPem);
  const location = (res: { headers: Record<string, string | string[] | undefined> }) => String(res.headers.location);
  const sessionCookie = (res: { headers: Record<string, string | string[] | undefined> }) =>
    ([res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('pons_session=')) ?? '').split(';')[0];

  /** Starts a login on our server and goes through the provider's form; returns our callback URL. */
  const throughProvider = async (login: string, password: string, returnTo: string): Promise<URL> => {
    const query = new URLSearchParams({ returnTo });
    const start = await anonymous().raw('GET', `/api/v1/auth/oidc/${provider.id}/start?${query.toString()}`);
    expect(start.status).toBe(302);
    expect(new URL(location(start)).origin).toBe(op.issuer);
    return oidcLoginWithoutBrowser(location(start), login, password, redirectUri);
  };
  const callback = (url: URL) => anonymous().raw('GET', `${url.pathname}${url.search}`);

  beforeAll(async () => {
    await server.start();
    redirectUri = `${server.url}/api/v1/auth/oidc/callback`;
    op = await TestOidcProvider.start({ clients: [{ clientId: 'pons', clientSecret: SECRET, redirectUris: [redirectUri] }], users });
    admin = await server.admin();
    lyon = await admin.call<EntityDetail>('POST', '/api/v1/entities', { name: 'Lyon' });
    provider = await admin.call<OidcProviderView>('POST', '/api/v1/oidc-providers', request());
  });
  afterAll(async () => {
    await server.dispose();
    await op?.stop();
  });

  it('gives the redirect URI to register, and keeps the client secret write-only and sealed at rest', async () => {
    expect(provider).toMatchObject({ name: 'Test IdP', clientSecretSet: true, redirectUri });
    const { items } = await admin.call<{ items: OidcProviderView[] }>('GET', '/api/v1/oidc-providers');
    expect(items).toEqual([expect.objectContaining({ id: provider.id, clientSecretSet: true, redirectUri })]);
    expect(items[0]).not.toHaveProperty('clientSecret');
    expect(JSON.stringify([provider, items])).not.toContain(SECRET);
    const rows = await server.server.database.db.selectFrom('oidc_providers').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.client_secret).toEqual(expect.any(String));
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    if (backend === 'sqlite') {
      const stored = filesUnder(server.dataDir).filter((f) => path.basename(f).startsWith('pons.sqlite'));
      expect(stored.length).toBeGreaterThan(0);
      for (const file of stored) expect(readFileSync(file).includes(SECRET), file).toBe(false);
    }
  });

  it('offers the provider on the login page', async () => {
    const methods = await anonymous().call<LoginMethods>('GET', '/api/v1/auth/methods');
    expect(methods.providers).toEqual([{ id: provider.id, name: 'Test IdP', logoUrl: null }]);
  });

  it('logs a user in through the provider and provisions them from the claims', async () => {
    jdoeCallback = await throughProvider('jdoe-sub', users['jdoe-sub'].password, '/machines');
    expect(jdoeCallback.searchParams.get('code')).toBeTruthy();
    const done = await callback(jdoeCallback);
    expect(done.status).toBe(302);
    expect(location(done)).toBe('/machines');
    const cookie = sessionCookie(done);
    expect(cookie).toMatch(/^pons_session=.+/);
    const me = await anonymous().call<{ user: CurrentUser }>('GET', '/api/v1/auth/me', undefined, { cookie: cookie! });
    expect(me.user).toMatchObject({ username: 'jdoe', source: 'oidc', superAdmin: false, passwordChangeRequired: false });
    expect(me.user.grants.map((g) => [g.entityId, g.profile])).toEqual([[lyon.id, 'Technician']]);
    const listed = (await admin.call<{ items: UserSummary[] }>('GET', '/api/v1/users')).items.find((u) => u.username === 'jdoe');
    expect(listed).toMatchObject({ source: 'oidc', givenName: 'Jane', sn: 'Doe', mail: 'jane@example.com' });
  });

  it('refuses a replayed callback', async () => {
    const replay = await callback(jdoeCallback);
    expect(replay.status).toBe(302);
    expect(location(replay)).toMatch(/^\/login\?error=/);
    expect(decodeURIComponent(location(replay))).toContain('already used');
    expect(sessionCookie(replay)).toBe('');
  });

  it('refuses a user whose groups map to nothing, and does not provision them', async () => {
    const refused = await callback(await throughProvider('guest-sub', users['guest-sub'].password, '/'));
    expect(refused.status).toBe(302);
    const error = new URL(location(refused), server.url);
    expect(error.pathname).toBe('/login');
    expect(error.searchParams.get('error')).toMatch(/none of its groups is mapped/);
    expect(sessionCookie(refused)).toBe('');
    const { items } = await admin.call<{ items: UserSummary[] }>('GET', '/api/v1/users');
    expect(items.map((u) => u.username)).not.toContain('guest');
  });

  it('sends the user back only to a path of this site', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example/', '/\t/evil.example/']) {
      const done = await callback(await throughProvider('jdoe-sub', users['jdoe-sub'].password, returnTo));
      expect(done.status, returnTo).toBe(302);
      expect(location(done), returnTo).toBe('/');
      expect(sessionCookie(done)).toMatch(/^pons_session=.+/);
    }
  });

  it('neither offers nor starts a login with a disabled provider', async () => {
    const pending = await throughProvider('jdoe-sub', users['jdoe-sub'].password, '/');
    const { clientSecret: _kept, ...withoutSecret } = request(false);
    const saved = await admin.call<OidcProviderView>('PUT', `/api/v1/oidc-providers/${provider.id}`, withoutSecret);
    expect(saved).toMatchObject({ enabled: false, clientSecretSet: true });
    const methods = await anonymous().call<LoginMethods>('GET', '/api/v1/auth/methods');
    expect(methods.providers).toEqual([]);
    const start = await anonymous().raw('GET', `/api/v1/auth/oidc/${provider.id}/start?returnTo=/machines`);
    expect(start).toMatchObject({ status: 404, body: { error: { code: 'PONS_E_PROVIDER_NOT_FOUND' } } });
    const late = await callback(pending);
    expect(location(late)).toMatch(/^\/login\?error=.*disabled/);
    expect(sessionCookie(late)).toBe('');
  });
});
