import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, databaseBackends } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';
import { totpCode } from './second-factor/totp.js';

type Challenge = { secondFactorRequired: true; challenge: string };

describe.each(databaseBackends())('second factor, bans, sessions and API tokens on %s', (backend) => {
  let now = Date.now();
  const clock = { now: () => now };
  const server = new TestServer(backend, { trustedProxies: ['127.0.0.1'] }, clock);
  let admin: ApiClient;
  const fresh = () => new ApiClient(server.url, server.server.caPem);

  beforeAll(async () => {
    await server.start();
    admin = await server.admin();
    await admin.call('POST', '/api/v1/entities', { name: 'Acme' });
  }, 60_000);
  afterAll(() => server.dispose());

  it('enrols a TOTP app, then asks for its code at login, once per code, and takes a recovery code once', async () => {
    const carol = await server.userClient('carol', [{ entity: 'Acme', profile: 'Technician' }]);
    const enrolment = await carol.call<{ secret: string; uri: string; qrSvg: string }>('POST', '/api/v1/auth/totp/enrol');
    expect(enrolment.uri).toBe(`otpauth://totp/Pons:carol?secret=${enrolment.secret}&issuer=Pons&algorithm=SHA1&digits=6&period=30`);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    await expect(carol.call('POST', '/api/v1/auth/totp/confirm', { code: '000000' })).rejects.toMatchObject({
      code: 'PONS_E_SECOND_FACTOR_INVALID',
    });
    const confirmCode = totpCode(enrolment.secret, now);
    const { recoveryCodes } = await carol.call<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/totp/confirm', { code: confirmCode });
    expect(recoveryCodes).toHaveLength(10);

    const password = TestServer.userPassword('carol');
    const step = await fresh().call<Challenge>('POST', '/api/v1/auth/login', { username: 'carol', password, client: 'cli' });
    expect(step).toEqual({ secondFactorRequired: true, challenge: expect.any(String) });
    expect(step).not.toHaveProperty('token');
    const replay = await fresh().raw('POST', '/api/v1/auth/login/second-factor', { challenge: step.challenge, code: confirmCode });
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'PONS_E_SECOND_FACTOR_INVALID' } } });
    now += 30_000;
    const done = await fresh().call<{ token: string; user: { totpEnabled: boolean } }>('POST', '/api/v1/auth/login/second-factor', {
      challenge: step.challenge,
      code: totpCode(enrolment.secret, now),
    });
    expect(done.user.totpEnabled).toBe(true);
    await expect(
      fresh().call('POST', '/api/v1/auth/login/second-factor', {
        challenge: step.challenge,
        code: totpCode(enrolment.secret, now + 30_000),
      }),
    ).rejects.toMatchObject({ status: 401 });

    const again = await fresh().call<Challenge>('POST', '/api/v1/auth/login', { username: 'carol', password, client: 'cli' });
    const recovered = await fresh().call<{ token: string }>('POST', '/api/v1/auth/login/second-factor', {
      challenge: again.challenge,
      code: recoveryCodes[0]!.toUpperCase(),
    });
    expect(recovered.token).toEqual(expect.any(String));
    const third = await fresh().call<Challenge>('POST', '/api/v1/auth/login', { username: 'carol', password, client: 'cli' });
    await expect(
      fresh().call('POST', '/api/v1/auth/login/second-factor', { challenge: third.challenge, code: recoveryCodes[0] }),
    ).rejects.toMatchObject({ status: 401 });

    const audit = await admin.call<{ items: Array<{ outcome: string; details: { secondFactor?: string } | null }> }>(
      'GET',
      '/api/v1/audit?action=auth.login&actor=carol',
    );
    expect(audit.items.filter((e) => e.outcome === 'success' && e.details?.secondFactor === 'totp')).toHaveLength(2);
    expect(audit.items.filter((e) => e.outcome === 'failure').length).toBeGreaterThanOrEqual(2);
  });

  it('bans an address at the fifth failure, refuses the sixth attempt even with the right password, and lifts the ban after ten minutes', async () => {
    await server.userClient('dave', [{ entity: 'Acme', profile: 'Technician' }]);
    const from = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 5; i++) {
      const res = await fresh().raw('POST', '/api/v1/auth/login', { username: `nobody${i}`, password: 'wrong' }, from);
      expect(res.status).toBe(401);
    }
    const sixth = await fresh().raw('POST', '/api/v1/auth/login', { username: 'dave', password: TestServer.userPassword('dave') }, from);
    expect(sixth).toMatchObject({
      status: 429,
      body: { error: { code: 'PONS_E_BANNED', message: expect.stringContaining('203.0.113.7') } },
    });
    expect(
      (
        await fresh().raw(
          'POST',
          '/api/v1/auth/login',
          { username: 'dave', password: TestServer.userPassword('dave') },
          { 'x-forwarded-for': '203.0.113.8' },
        )
      ).status,
    ).toBe(200);
    now += 599_000;
    expect(
      (await fresh().raw('POST', '/api/v1/auth/login', { username: 'dave', password: TestServer.userPassword('dave') }, from)).status,
    ).toBe(429);
    now += 2_000;
    expect(
      (await fresh().raw('POST', '/api/v1/auth/login', { username: 'dave', password: TestServer.userPassword('dave') }, from)).status,
    ).toBe(200);
    const bans = await admin.call<{ items: Array<{ objectType: string; objectId: string }> }>('GET', '/api/v1/audit?action=auth.ban');
    expect(bans.items).toContainEqual(expect.objectContaining({ objectType: 'address', objectId: '203.0.113.7' }));
  });

  it('bans an account after five failures from five addresses', async () => {
    await server.userClient('erin', [{ entity: 'Acme', profile: 'Technician' }]);
    for (let i = 0; i < 5; i++)
      await fresh().raw('POST', '/api/v1/auth/login', { username: 'erin', password: 'wrong' }, { 'x-forwarded-for': `198.51.100.${i}` });
    const res = await fresh().raw(
      'POST',
      '/api/v1/auth/login',
      { username: 'erin', password: TestServer.userPassword('erin') },
      { 'x-forwarded-for': '198.51.100.99' },
    );
    expect(res).toMatchObject({ status: 429, body: { error: { message: expect.stringContaining('for this account') } } });
    now += 601_000;
  });

  it('ends a browser session after the idle timeout set in the settings, and logs out everywhere', async () => {
    await admin.call('PUT', '/api/v1/settings/security', { sessionIdleTimeoutMs: 300_000 });
    const fayCli = await server.userClient('fay', [{ entity: 'Acme', profile: 'Technician' }]);
    const login = async () => {
      const res = await fresh().raw('POST', '/api/v1/auth/login', { username: 'fay', password: TestServer.userPassword('fay') });
      return String(res.headers['set-cookie']).split(';')[0]!;
    };
    const cookie = await login();
    const me = () => fresh().raw('GET', '/api/v1/auth/me', undefined, { cookie });
    now += 240_000;
    expect((await me()).status).toBe(200);
    now += 240_000;
    expect((await me()).status).toBe(200);
    now += 301_000;
    expect((await me()).status).toBe(401);

    const first = await login();
    const second = await login();
    const csrf = ((await fresh().raw('GET', '/api/v1/auth/me', undefined, { cookie: first })).body as { csrfToken: string }).csrfToken;
    const sessions = await fresh().raw('GET', '/api/v1/auth/sessions', undefined, { cookie: first });
    // Two browser sessions and the CLI one the user was made with.
    expect((sessions.body as { items: Array<{ kind: string }> }).items.map((i) => i.kind).sort()).toEqual(['browser', 'browser', 'cli']);
    expect((await fresh().raw('POST', '/api/v1/auth/logout-everywhere', undefined, { cookie: first, 'x-csrf-token': csrf })).status).toBe(
      200,
    );
    for (const cookie of [first, second]) expect((await fresh().raw('GET', '/api/v1/auth/me', undefined, { cookie })).status).toBe(401);
    expect((await fayCli.raw('GET', '/api/v1/auth/me')).status).toBe(401);
    const ended = await admin.call<{ items: Array<{ actor: string; details: { sessions: number } }> }>(
      'GET',
      '/api/v1/audit?action=auth.logout-everywhere&actor=fay',
    );
    expect(ended.items).toEqual([expect.objectContaining({ actor: 'fay', details: { sessions: 3 } })]);
  });

  it("gives an API token its user's rights cut to its narrowing, until it is revoked or expires", async () => {
    const gus = await server.userClient('gus', [{ entity: 'Acme', profile: 'Admin' }]);
    const created = await gus.call<{ id: string; token: string; prefix: string }>('POST', '/api/v1/api-tokens', {
      name: 'inventory script',
      expiresInMs: 3_600_000,
      narrowing: { permissions: { inventory: 'ro' }, entities: ['Acme'] },
    });
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const listed = await gus.call<{ items: Array<Record<string, unknown>> }>('GET', '/api/v1/api-tokens');
    expect(listed.items[0]).toMatchObject({ id: created.id, state: 'active' });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const script = fresh();
    script.token = created.token;
    expect((await script.raw('GET', '/api/v1/machines')).status).toBe(200);
    expect(await script.raw('POST', '/api/v1/groups', { name: 'g', entity: 'Acme' })).toMatchObject({ status: 403 });
    expect((await gus.raw('POST', '/api/v1/groups', { name: 'g', entity: 'Acme' })).status).toBe(201);
    await gus.call('DELETE', `/api/v1/api-tokens/${created.id}`);
    expect((await script.raw('GET', '/api/v1/machines')).status).toBe(401);

    const short = await gus.call<{ token: string }>('POST', '/api/v1/api-tokens', { name: 'short', expiresInMs: 60_000 });
    script.token = short.token;
    expect((await script.raw('GET', '/api/v1/machines')).status).toBe(200);
    now += 61_000;
    expect((await script.raw('GET', '/api/v1/machines')).status).toBe(401);
    const audit = await admin.call<{ items: Array<{ action: string }> }>('GET', '/api/v1/audit?action=api-token.&actor=gus');
    expect(audit.items.map((e) => e.action).sort()).toEqual(['api-token.create', 'api-token.create', 'api-token.revoke']);
  });

  it('deletes audit lines past their retention (365 days by default)', async () => {
    const before = await admin.call<{ items: unknown[] }>('GET', '/api/v1/audit?limit=500');
    expect(before.items.length).toBeGreaterThan(20);
    now += 366 * 86_400_000;
    await server.server.housekeeping.runOnce();
    const again = fresh();
    await again.login('admin', 'Test-Password-2026!');
    const after = await again.call<{ items: Array<{ action: string }> }>('GET', '/api/v1/audit?limit=500');
    expect(after.items.map((e) => e.action)).toEqual(['auth.login']);
  });
});
