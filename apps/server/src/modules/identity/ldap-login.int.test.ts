import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogPage, CurrentUser, EntityDetail, LdapSettingsRequest, LdapTestResult, UserSummary } from '@pons/protocol';
import { ApiClient, databaseBackends, SlapdServer } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

const CAROL_DN = 'uid=carol,ou=people,dc=example,dc=org';
const CAROL_PASSWORD = 'Carol-Secret-1';

/** A valid directory user who belongs to no group at all. */
async function addCarol(url: string): Promise<void> {
  const client = new Client({ url, timeout: 5_000, connectTimeout: 5_000 });
  try {
    await client.bind(SlapdServer.rootDn, SlapdServer.rootPassword);
    await client.add(CAROL_DN, {
      objectClass: 'inetOrgPerson',
      uid: 'carol',
      cn: 'Carol Petit',
      sn: 'Petit',
      userPassword: CAROL_PASSWORD,
    });
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe.each(databaseBackends())('LDAP login through the API on %s', (backend) => {
  const server = new TestServer(backend);
  let slapd: SlapdServer;
  let admin: ApiClient;
  let paris: EntityDetail;
  let lyon: EntityDetail;

  const settings = (overrides: Partial<LdapSettingsRequest> = {}): LdapSettingsRequest => ({
    enabled: true,
    ...slapd.connection(),
    groupMappings: [
      { group: SlapdServer.adminsGroupDn, entity: paris.id, profile: 'Admin' },
      { group: SlapdServer.techsGroupDn, entity: lyon.id, profile: 'Technician' },
    ],
    defaultRole: null,
    timeoutMs: 5_000,
    ...overrides,
  });
  const client = () => new ApiClient(server.url, server.server.caPem);
  const loggedIn = async (username: string, password: string) => {
    const api = client();
    await api.login(username, password);
    return api;
  };
  const me = async (api: ApiClient) => (await api.call<{ user: CurrentUser }>('GET', '/api/v1/auth/me')).user;
  const roles = (user: CurrentUser) => user.grants.map((g) => ({ entityId: g.entityId, profile: g.profile }));
  const users = async () => (await admin.call<{ items: UserSummary[] }>('GET', '/api/v1/users')).items;
  const loginBody = (username: string, password: string) => ({ username, password, client: 'cli' });

  beforeAll(async () => {
    slapd = await SlapdServer.start();
    await addCarol(slapd.url);
    await server.start();
    admin = await server.admin();
    paris = await admin.call<EntityDetail>('POST', '/api/v1/entities', { name: 'Paris' });
    lyon = await admin.call<EntityDetail>('POST', '/api/v1/entities', { name: 'Lyon' });
  });
  afterAll(async () => {
    await server.dispose();
    await slapd?.stop();
  });

  it('saves the settings and never shows or stores the service password in clear', async () => {
    const saved = await admin.call<{ settings: Record<string, unknown> }>('PUT', '/api/v1/settings/ldap', settings());
    expect(saved.settings).toMatchObject({ enabled: true, url: slapd.url, bindPasswordSet: true });
    const read = await admin.call<{ settings: Record<string, unknown> }>('GET', '/api/v1/settings/ldap');
    expect(read.settings).toMatchObject({ bindDn: slapd.serviceDn, bindPasswordSet: true, defaultRole: null });
    expect(read.settings).not.toHaveProperty('bindPassword');
    expect(JSON.stringify([saved, read])).not.toContain(slapd.servicePassword);
    const row = await server.server.database.db.selectFrom('settings').selectAll().where('key', '=', 'ldap').executeTakeFirstOrThrow();
    expect(row.value).toContain(slapd.serviceDn);
    expect(row.value).not.toContain(slapd.servicePassword);
    const methods = await client().call<{ ldap: boolean }>('GET', '/api/v1/auth/methods');
    expect(methods.ldap).toBe(true);
  });

  it('tests the connection step by step, and names the failing stage of an unsaved draft', async () => {
    const good = await admin.call<LdapTestResult>('POST', '/api/v1/settings/ldap/test', {});
    expect(good.ok).toBe(true);
    expect(good.steps.map((s) => [s.stage, s.ok])).toEqual([
      ['connect', true],
      ['service-bind', true],
      ['search', true],
    ]);
    const draft = settings({ bindPassword: 'Not-The-Password-1' });
    const bad = await admin.call<LdapTestResult>('POST', '/api/v1/settings/ldap/test', { settings: draft });
    expect(bad.ok).toBe(false);
    expect(bad.steps.at(-1)).toMatchObject({ stage: 'service-bind', ok: false, message: expect.stringContaining(slapd.serviceDn) });
    expect(bad.steps.slice(0, -1).every((s) => s.ok)).toBe(true);
    expect((await admin.call<LdapTestResult>('POST', '/api/v1/settings/ldap/test', {})).ok).toBe(true);
  });

  it('logs alice in with her directory password, as Admin on Paris only', async () => {
    const response = await client().call<{ user: CurrentUser; token: string }>(
      'POST',
      '/api/v1/auth/login',
      loginBody('alice', SlapdServer.alicePassword),
    );
    expect(response.token).toBeTruthy();
    expect(response.user).toMatchObject({ username: 'alice', source: 'ldap', superAdmin: false, passwordChangeRequired: false });
    const alice = await me(await loggedIn('alice', SlapdServer.alicePassword));
    expect(alice.source).toBe('ldap');
    expect(roles(alice)).toEqual([{ entityId: paris.id, profile: 'Admin' }]);
  });

  it('logs bob in as Technician on Lyon', async () => {
    const bob = await me(await loggedIn('bob', SlapdServer.bobPassword));
    expect(bob).toMatchObject({ username: 'bob', source: 'ldap' });
    expect(roles(bob)).toEqual([{ entityId: lyon.id, profile: 'Technician' }]);
  });

  it('refuses a wrong password, and a directory user of no mapped group with a clear message', async () => {
    const wrong = await client().raw('POST', '/api/v1/auth/login', loginBody('alice', 'Wrong-Password-1'));
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'PONS_E_INVALID_CREDENTIALS' } } });
    const carol = await client().raw('POST', '/api/v1/auth/login', loginBody('carol', CAROL_PASSWORD));
    expect(carol.status).toBe(403);
    expect(carol.body).toMatchObject({
      error: { code: 'PONS_E_FORBIDDEN', message: expect.stringMatching(/none of its groups is mapped.*no default/) },
    });
    expect((await users()).map((u) => u.username)).not.toContain('carol');
  });

  it('lists alice among the users as an LDAP user with her mail and names', async () => {
    const alice = (await users()).find((u) => u.username === 'alice');
    expect(alice).toMatchObject({ source: 'ldap', mail: 'alice@example.org', givenName: 'Alice', sn: 'Martin', disabled: false });
    expect(alice?.lastLoginAt).toEqual(expect.any(Number));
    expect(alice?.roles).toEqual([expect.objectContaining({ entityId: paris.id, entityName: 'Paris', profileName: 'Admin' })]);
  });

  it('audits the successful and the failed logins', async () => {
    const { items } = await admin.call<AuditLogPage>('GET', '/api/v1/audit?action=auth.login&limit=500');
    const alice = items.filter((line) => line.objectName === 'alice');
    expect(alice).toContainEqual(expect.objectContaining({ outcome: 'success', actor: 'alice', actorId: expect.any(String) }));
    expect(alice.find((line) => line.outcome === 'success')?.details).toMatchObject({ method: 'ldap' });
    expect(alice).toContainEqual(expect.objectContaining({ outcome: 'failure', errorCode: 'PONS_E_INVALID_CREDENTIALS' }));
    expect(items).toContainEqual(expect.objectContaining({ objectName: 'carol', outcome: 'failure', errorCode: 'PONS_E_FORBIDDEN' }));
  });

  it("replaces alice's roles at her next login when the mapping changes", async () => {
    const { bindPassword: _kept, ...withoutPassword } = settings({
      groupMappings: [{ group: SlapdServer.adminsGroupDn, entity: lyon.id, profile: 'Technician' }],
    });
    const saved = await admin.call<{ settings: { bindPasswordSet: boolean } }>('PUT', '/api/v1/settings/ldap', withoutPassword);
    expect(saved.settings.bindPasswordSet).toBe(true);
    const alice = await me(await loggedIn('alice', SlapdServer.alicePassword));
    expect(roles(alice)).toEqual([{ entityId: lyon.id, profile: 'Technician' }]);
    expect((await users()).filter((u) => u.username === 'alice')).toHaveLength(1);
  });

  it('answers 502 naming the server when the directory is down, and local accounts still log in', async () => {
    await slapd.stop();
    const down = await client().raw('POST', '/api/v1/auth/login', loginBody('alice', SlapdServer.alicePassword));
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ error: { code: 'PONS_E_LDAP', message: expect.stringContaining(slapd.url) } });
    const local = await loggedIn('admin', 'Test-Password-2026!');
    expect(await me(local)).toMatchObject({ username: 'admin', source: 'local', superAdmin: true });
  });
});
