import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

describe.each(databaseBackends())('login and sessions on %s', (backend) => {
  const server = new TestServer(backend);
  beforeAll(() => server.start());
  afterAll(() => server.dispose());

  it('makes the bootstrap admin choose a new password before anything else', async () => {
    const api = server.api;
    expect(await api.login('admin', server.server.bootstrapPassword!)).toEqual({ passwordChangeRequired: true });
    await expect(api.machines()).rejects.toMatchObject({ status: 403, code: 'PONS_E_PASSWORD_CHANGE_REQUIRED' });
    await expect(
      api.call('POST', '/api/v1/auth/password', { currentPassword: server.server.bootstrapPassword, newPassword: 'short' }),
    ).rejects.toMatchObject({
      code: 'PONS_E_PASSWORD_POLICY',
      message: expect.stringContaining('at least 12 characters'),
    });
    await api.call('POST', '/api/v1/auth/password', {
      currentPassword: server.server.bootstrapPassword,
      newPassword: 'Test-Password-2026!',
    });
    await expect(api.machines()).resolves.toMatchObject({ total: 0 });
    await expect(api.login('admin', server.server.bootstrapPassword!)).rejects.toMatchObject({ code: 'PONS_E_INVALID_CREDENTIALS' });
  });

  it('sets a secure HTTP-only cookie and demands the CSRF token for changes', async () => {
    const res = await server.api.raw('POST', '/api/v1/auth/login', { username: 'admin', password: 'Test-Password-2026!' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pons_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    const csrf = (res.body as { csrfToken: string }).csrfToken;
    const api = server.api;
    const saved = api.token;
    api.token = null;
    expect((await api.raw('GET', '/api/v1/machines', undefined, { cookie: session })).status).toBe(200);
    const withoutCsrf = await api.raw('POST', '/api/v1/enrollment-tokens', {}, { cookie: session });
    expect(withoutCsrf).toMatchObject({ status: 403, body: { error: { code: 'PONS_E_CSRF' } } });
    expect((await api.raw('POST', '/api/v1/enrollment-tokens', {}, { cookie: session, 'x-csrf-token': csrf })).status).toBe(201);
    await api.raw('POST', '/api/v1/auth/logout', undefined, { cookie: session, 'x-csrf-token': csrf });
    expect((await api.raw('GET', '/api/v1/machines', undefined, { cookie: session })).status).toBe(401);
    api.token = saved;
  });

  it('rejects bodies that do not match the schema, naming the field', async () => {
    const res = await server.api.raw('POST', '/api/v1/enrollment-tokens', { maxUses: 0, colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'PONS_E_VALIDATION', message: expect.stringMatching(/maxUses|colour/) } });
    const broken = await server.api.raw('POST', '/api/v1/enrollment-tokens', '{"maxUses":', { 'content-type': 'application/json' });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'PONS_E_VALIDATION' } } });
  });
});

describe.each(databaseBackends())('brute-force protection on %s', (backend) => {
  const fresh = new TestServer(backend);
  beforeAll(() => fresh.start());
  afterAll(() => fresh.dispose());

  it('bans an address after five failed logins, whatever the account', async () => {
    for (let i = 0; i < 4; i++) await expect(fresh.api.login(`user${i}`, 'wrong')).rejects.toMatchObject({ status: 401 });
    await expect(fresh.api.login('admin', 'wrong')).rejects.toMatchObject({ status: 401 });
    const banned = await fresh.api.raw('POST', '/api/v1/auth/login', { username: 'admin', password: fresh.server.bootstrapPassword });
    expect(banned.status).toBe(429);
    expect(banned.body).toMatchObject({ error: { code: 'PONS_E_BANNED', message: expect.stringContaining('try again in') } });
    expect(Number(banned.headers['retry-after'])).toBeGreaterThan(500);
  });
});
