import { TestOidcProvider, freePort, oidcLoginWithoutBrowser } from '@pons/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OIDC_CLAIMS, OidcError, OidcRelyingParty, type OidcProviderSettings, type OidcStage } from './oidc-client.js';

const REDIRECT_URI = 'https://pons.example.test/api/auth/oidc/callback';
const SECRET = 'client-secret-that-must-never-show';

async function failure(promise: Promise<unknown>): Promise<OidcError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OidcError);
  return error as OidcError;
}

function expectStage(error: OidcError, stage: OidcStage): void {
  expect(error.stage, error.message).toBe(stage);
  expect(error.message).not.toContain(SECRET);
}

describe('OpenID Connect relying party against oidc-provider', () => {
  let op: TestOidcProvider;
  let settings: OidcProviderSettings;

  beforeAll(async () => {
    op = await TestOidcProvider.start({
      clients: [{ clientId: 'pons', clientSecret: SECRET, redirectUris: [REDIRECT_URI] }],
      users: {
        'jdoe-sub': {
          password: 'Correct-Horse-42',
          claims: {
            preferred_username: 'jdoe',
            given_name: 'Jane',
            family_name: 'Doe',
            email: 'jane@example.com',
            groups: ['admins', 'ops'],
          },
        },
        'nouid-sub': { password: 'Another-Horse-42', claims: { given_name: 'No', email: 'no-uid@example.com' } },
      },
    });
    settings = {
      id: 'test-op',
      name: 'Test provider',
      issuer: op.issuer,
      clientId: 'pons',
      clientSecret: SECRET,
      scopes: ['openid', 'profile', 'email'],
      claims: { ...DEFAULT_OIDC_CLAIMS },
    };
  });

  afterAll(async () => {
    await op?.stop();
  });

  it('builds an authorization URL on the issuer with PKCE S256, state and nonce', async () => {
    const { url, pending } = await new OidcRelyingParty().beginLogin(settings, REDIRECT_URI, '/devices');
    const parsed = new URL(url);
    expect(parsed.origin).toBe(new URL(op.issuer).origin);
    expect(parsed.searchParams.get('client_id')).toBe('pons');
    expect(parsed.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(parsed.searchParams.get('response_type')).toBe('code');
    expect(parsed.searchParams.get('scope')).toBe('openid profile email');
    expect(parsed.searchParams.get('code_challenge_method')).toBe('S256');
    expect(parsed.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(parsed.searchParams.get('state')).toBe(pending.state);
    expect(parsed.searchParams.get('nonce')).toBe(pending.nonce);
    expect(url).not.toContain(pending.codeVerifier);
    expect(pending).toMatchObject({ providerId: 'test-op', returnTo: '/devices' });
  });

  it('signs a user in and maps the claims from the ID token and userinfo', async () => {
    const rp = new OidcRelyingParty();
    const { url, pending } = await rp.beginLogin(settings, REDIRECT_URI, '/');
    const callback = await oidcLoginWithoutBrowser(url, 'jdoe-sub', 'Correct-Horse-42', REDIRECT_URI);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe(pending.state);
    const identity = await rp.completeLogin(settings, REDIRECT_URI, callback, pending);
    expect(identity).toMatchObject({
      subject: 'jdoe-sub',
      issuer: op.issuer,
      uid: 'jdoe',
      givenName: 'Jane',
      sn: 'Doe',
      mail: 'jane@example.com',
    });
    expect(identity.claims.groups).toEqual(['admins', 'ops']);
    expect(identity.claims.nonce).toBe(pending.nonce);
  });

  it('refuses a wrong password at the provider', async () => {
    const { url } = await new OidcRelyingParty().beginLogin(settings, REDIRECT_URI, '/');
    await expect(oidcLoginWithoutBrowser(url, 'jdoe-sub', 'wrong-password', REDIRECT_URI)).rejects.toThrow('did not accept the login');
  });

  it('refuses a callback whose state was tampered with', async () => {
    const rp = new OidcRelyingParty();
    const { url, pending } = await rp.beginLogin(settings, REDIRECT_URI, '/');
    const callback = await oidcLoginWithoutBrowser(url, 'jdoe-sub', 'Correct-Horse-42', REDIRECT_URI);
    callback.searchParams.set('state', 'forged-state');
    expectStage(await failure(rp.completeLogin(settings, REDIRECT_URI, callback, pending)), 'state');
  });

  it('refuses a login that was pending for too long', async () => {
    let now = Date.now();
    const rp = new OidcRelyingParty({ clock: () => now });
    const { url, pending } = await rp.beginLogin(settings, REDIRECT_URI, '/');
    const callback = await oidcLoginWithoutBrowser(url, 'jdoe-sub', 'Correct-Horse-42', REDIRECT_URI);
    now += 10 * 60_000 + 1;
    const error = await failure(rp.completeLogin(settings, REDIRECT_URI, callback, pending));
    expectStage(error, 'state');
    expect(error.message).toContain('10 minutes');
  });

  it('reports a wrong client secret at the token stage', async () => {
    const rp = new OidcRelyingParty();
    const wrong = { ...settings, clientSecret: 'not-the-secret' };
    const { url, pending } = await rp.beginLogin(wrong, REDIRECT_URI, '/');
    const callback = await oidcLoginWithoutBrowser(url, 'jdoe-sub', 'Correct-Horse-42', REDIRECT_URI);
    const error = await failure(rp.completeLogin(wrong, REDIRECT_URI, callback, pending));
    expectStage(error, 'token');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('not-the-secret');
  });

  it('names the claims the provider sent when the uid claim is missing', async () => {
    const rp = new OidcRelyingParty();
    const { url, pending } = await rp.beginLogin(settings, REDIRECT_URI, '/');
    const callback = await oidcLoginWithoutBrowser(url, 'nouid-sub', 'Another-Horse-42', REDIRECT_URI);
    const error = await failure(rp.completeLogin(settings, REDIRECT_URI, callback, pending));
    expectStage(error, 'claims');
    expect(error.message).toContain('no "preferred_username" claim');
    expect(error.message).toContain('it sent: email, given_name, sub');
  });

  it('reports an unreachable issuer at the discovery stage', async () => {
    const rp = new OidcRelyingParty();
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const tested = await rp.testDiscovery(issuer);
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain(`${issuer}/.well-known/openid-configuration`);
    expect(tested.message).toContain('ECONNREFUSED');
    expectStage(await failure(rp.beginLogin({ ...settings, issuer }, REDIRECT_URI, '/')), 'discovery');
  });

  it('tests discovery of a working provider and refuses plain http beyond loopback', async () => {
    const rp = new OidcRelyingParty();
    expect(await rp.testDiscovery(op.issuer)).toEqual({
      ok: true,
      message: `Found the provider ${op.issuer}; it supports PKCE with S256.`,
    });
    const remote = await rp.testDiscovery('http://idp.example.com');
    expect(remote.ok).toBe(false);
    expect(remote.message).toContain('https://');
    expectStage(await failure(rp.beginLogin({ ...settings, issuer: 'not a url' }, REDIRECT_URI, '/')), 'discovery');
  });
});
