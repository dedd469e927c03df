import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, databaseBackends } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

type Entity = { id: string; name: string; parentId: string | null; machines: number; children: number };
type User = { id: string; username: string; disabled: boolean; roles: Array<{ entityName: string; profileName: string }> };
type Audit = {
  items: Array<{ action: string; actor: string; address: string; objectName: string | null; outcome: string; errorCode: string | null }>;
};

describe.each(databaseBackends())('administration on %s', (backend) => {
  const server = new TestServer(backend);
  let admin: ApiClient;

  beforeAll(async () => {
    await server.start();
    admin = await server.admin();
  }, 60_000);
  afterAll(() => server.dispose());

  it('builds the entity tree: create, rename, move, refuse cycles and non-empty deletes', async () => {
    const acme = await admin.call<Entity>('POST', '/api/v1/entities', { name: 'Acme' });
    const paris = await admin.call<Entity>('POST', '/api/v1/entities', { name: 'Paris', parent: 'Acme' });
    expect(paris.parentId).toBe(acme.id);
    await expect(admin.call('POST', '/api/v1/entities', { name: 'acme' })).resolves.toBeDefined();
    await expect(admin.call('POST', '/api/v1/entities', { name: 'Paris' })).rejects.toMatchObject({
      status: 409,
      code: 'PONS_E_ENTITY_EXISTS',
    });
    await expect(admin.call('PATCH', `/api/v1/entities/${acme.id}`, { parent: 'Paris' })).rejects.toMatchObject({
      code: 'PONS_E_VALIDATION',
      message: expect.stringContaining('cannot be moved under itself'),
    });
    expect(await admin.call('PATCH', `/api/v1/entities/${paris.id}`, { name: 'Acme Paris' })).toMatchObject({ name: 'Acme Paris' });
    await expect(admin.call('DELETE', `/api/v1/entities/${acme.id}`)).rejects.toMatchObject({
      code: 'PONS_E_ENTITY_NOT_EMPTY',
      message: expect.stringContaining('sub-entities'),
    });
    const agent = await server.enroll(await server.token({ entity: 'Acme Paris' }), 'paris-1');
    const enrolled = await admin.call<{ items: Array<Record<string, unknown>> }>('GET', '/api/v1/audit?action=machine.enroll');
    expect(enrolled.items[0]).toMatchObject({ actor: 'agent:paris-1', objectId: agent.machineId, entityId: paris.id, outcome: 'success' });
    await expect(admin.call('DELETE', `/api/v1/entities/${paris.id}`)).rejects.toMatchObject({
      message: expect.stringContaining('machines'),
    });
    await expect(admin.call('DELETE', '/api/v1/entities/root')).rejects.toMatchObject({ code: 'PONS_E_VALIDATION' });
    const list = await admin.call<{ items: Entity[] }>('GET', '/api/v1/admin/entities');
    expect(list.items.find((e) => e.name === 'Acme Paris')).toMatchObject({ machines: 1, children: 0 });
    const audit = await admin.call<Audit>('GET', '/api/v1/audit?action=entity.');
    expect(audit.items.map((e) => `${e.action} ${e.outcome} ${e.objectName ?? ''}`)).toEqual(
      expect.arrayContaining([
        'entity.create success Acme',
        'entity.update success Acme Paris',
        'entity.update failure ',
        'entity.delete failure ',
      ]),
    );
  });

  it('manages custom profiles, leaves the built-in ones alone', async () => {
    const profile = await admin.call<{ id: string; builtin: boolean }>('POST', '/api/v1/profiles', {
      name: 'Helpdesk',
      permissions: { inventory: 'ro', remote: 'rw' },
    });
    expect(profile.builtin).toBe(false);
    expect(await admin.call('PUT', `/api/v1/profiles/${profile.id}`, { name: 'Helpdesk', permissions: { inventory: 'rw' } })).toMatchObject(
      {
        permissions: { inventory: 'rw' },
      },
    );
    await expect(admin.call('PUT', '/api/v1/profiles/technician', { name: 'Technician', permissions: {} })).rejects.toMatchObject({
      code: 'PONS_E_VALIDATION',
    });
    await expect(admin.call('DELETE', '/api/v1/profiles/admin')).rejects.toMatchObject({ message: expect.stringContaining('built-in') });
    const helpdesk = await server.userClient('hank', [{ entity: 'Acme', profile: 'Helpdesk' }]);
    await expect(admin.call('DELETE', `/api/v1/profiles/${profile.id}`)).rejects.toMatchObject({ code: 'PONS_E_PROFILE_IN_USE' });
    expect((await helpdesk.raw('GET', '/api/v1/machines')).status).toBe(200);
    expect((await helpdesk.raw('GET', '/api/v1/packages')).status).toBe(403);
  });

  it('lets an Admin of an entity manage its users, and nothing beyond it', async () => {
    await admin.call('POST', '/api/v1/entities', { name: 'Globex' });
    await admin.call('POST', '/api/v1/profiles', { name: 'Entity admin', permissions: { inventory: 'rw', admin: 'rw' } });
    const ivy = await server.userClient('ivy', [{ entity: 'Acme', profile: 'Entity admin' }]);
    const created = await ivy.call<User>('POST', '/api/v1/users', {
      username: 'jack',
      password: 'First-Pass-of-J1!',
      givenName: 'Jack',
      roles: [{ entity: 'Acme Paris', profile: 'Technician' }],
    });
    expect(created.roles).toEqual([expect.objectContaining({ entityName: 'Acme Paris', profileName: 'Technician' })]);
    await expect(
      ivy.call('POST', '/api/v1/users', {
        username: 'kim',
        password: 'First-Pass-of-K1!',
        roles: [{ entity: 'Globex', profile: 'Technician' }],
      }),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('You do not administer the entity "Globex".'),
    });
    await expect(
      ivy.call('POST', '/api/v1/users', {
        username: 'kim',
        password: 'First-Pass-of-K1!',
        roles: [{ entity: 'Acme', profile: 'Super-Admin' }],
      }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(ivy.call('PATCH', '/api/v1/users/admin', { disabled: true })).rejects.toMatchObject({ status: 404 });
    expect((await ivy.call<{ items: User[] }>('GET', '/api/v1/users')).items.map((u) => u.username).sort()).toEqual([
      'hank',
      'ivy',
      'jack',
    ]);
    await expect(admin.call('POST', '/api/v1/users', { username: 'jack', password: 'Other-Pass-of-J1!', roles: [] })).rejects.toMatchObject(
      { code: 'PONS_E_USER_EXISTS' },
    );
  });

  it('disables, resets and deletes users, ending their sessions, all audited', async () => {
    const lea = await server.userClient('lea', [{ entity: 'Acme', profile: 'Technician' }]);
    const id = (await admin.call<User>('GET', '/api/v1/users/lea')).id;
    expect(await admin.call('PATCH', `/api/v1/users/${id}`, { disabled: true })).toMatchObject({ disabled: true });
    expect((await lea.raw('GET', '/api/v1/auth/me')).status).toBe(401);
    await expect(new ApiClient(server.url, server.server.caPem).login('lea', TestServer.userPassword('lea'))).rejects.toMatchObject({
      status: 401,
    });
    await admin.call('PATCH', `/api/v1/users/${id}`, { disabled: false, password: 'Reset-By-Admin-9!' });
    expect(await new ApiClient(server.url, server.server.caPem).login('lea', 'Reset-By-Admin-9!')).toEqual({
      passwordChangeRequired: true,
    });
    await admin.call('DELETE', `/api/v1/users/${id}`);
    await expect(admin.call('GET', `/api/v1/users/${id}`)).rejects.toMatchObject({ code: 'PONS_E_USER_NOT_FOUND' });
    const audit = await admin.call<Audit>('GET', '/api/v1/audit?q=lea&action=user.');
    expect(audit.items.map((e) => e.action)).toEqual(['user.delete', 'user.update', 'user.update', 'user.create']);
    expect(audit.items.every((e) => e.actor === 'admin' && e.address === '127.0.0.1')).toBe(true);
  });

  it('searches and exports the audit log', async () => {
    const page = await admin.call<Audit & { next: string | null }>('GET', '/api/v1/audit?limit=3');
    expect(page.items).toHaveLength(3);
    const next = await admin.call<Audit>('GET', `/api/v1/audit?limit=3&before=${page.next}`);
    expect(next.items.map((e) => e.action)).not.toEqual(page.items.map((e) => e.action));
    const failures = await admin.call<Audit>('GET', '/api/v1/audit?outcome=failure&action=entity.');
    expect(failures.items.every((e) => e.outcome === 'failure' && e.errorCode?.startsWith('PONS_E_'))).toBe(true);
    const csv = await admin.raw('GET', '/api/v1/audit/export?format=csv&action=entity.');
    const lines = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('time,actor,address,action,object_type,object_id,object_name,entity_id,outcome,error_code,details');
    expect(lines.length).toBe(
      failures.items.length + 1 + (await admin.call<Audit>('GET', '/api/v1/audit?outcome=success&action=entity.')).items.length,
    );
    const json = await admin.raw('GET', '/api/v1/audit/export?format=json&actor=admin&action=auth.login');
    expect((json.body as Array<{ actor: string }>).every((e) => e.actor === 'admin')).toBe(true);
  });
});
