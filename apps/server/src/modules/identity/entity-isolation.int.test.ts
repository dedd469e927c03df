import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@pons/protocol';
import { databaseBackends, waitFor, type ApiClient } from '@pons/test-kit';
import { TestServer, type TestAgent } from '../../testing/test-server.js';

type MachineRow = { id: string; hostname: string };

describe.each(databaseBackends())('entity isolation on %s', (backend) => {
  const server = new TestServer(backend);
  let alice: ApiClient;
  const agents: TestAgent[] = [];

  beforeAll(async () => {
    await server.start();
    const admin = await server.admin();
    await admin.call('POST', '/api/v1/entities', { name: 'Acme' });
    await admin.call('POST', '/api/v1/entities', { name: 'Globex' });
    await admin.call('POST', '/api/v1/entities', { name: 'Acme Paris', parent: 'Acme' });
    alice = await server.userClient('alice', [{ entity: 'Acme', profile: 'Technician' }]);
    agents.push(await server.enroll(await server.token({ entity: 'Acme' }), 'acme-pc1'));
    agents.push(await server.enroll(await server.token({ entity: 'Acme Paris' }), 'paris-pc1'));
  }, 120_000);
  afterAll(async () => {
    for (const agent of agents) agent.connection.terminate();
    await server.dispose();
  });

  it('shows a user the machines of their entity and its sub-entities, and nothing of another', async () => {
    agents.push(await server.enroll(await server.token({ entity: 'Globex' }), 'globex-pc1'));
    const list = await alice.machines('?limit=100');
    expect(list.items.map((m) => m.hostname).sort()).toEqual(['acme-pc1', 'paris-pc1']);
    const globex = (await server.api.machines('?q=globex-pc1')).items[0]!;
    await expect(alice.machine(globex.id)).rejects.toMatchObject({ status: 404, code: 'PONS_E_MACHINE_NOT_FOUND' });
    await expect(alice.machine('globex-pc1')).rejects.toMatchObject({ status: 404 });
    const entities = await alice.call<{ items: Array<{ name: string }> }>('GET', '/api/v1/entities');
    expect(entities.items.map((e) => e.name).sort()).toEqual(['Acme', 'Acme Paris']);
  });

  it('keeps another entity out of the exports', async () => {
    const csv = await alice.raw('GET', '/api/v1/machines/export?format=csv');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="pons-machines-\d{4}-\d\d-\d\d\.csv"$/);
    const lines = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,hostname,entity,status/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['acme-pc1', 'paris-pc1']);
    const json = await alice.raw('GET', '/api/v1/machines/export?format=json');
    expect((json.body as MachineRow[]).map((m) => m.hostname).sort()).toEqual(['acme-pc1', 'paris-pc1']);
    const all = await server.api.raw('GET', '/api/v1/machines/export?format=json');
    expect((all.body as MachineRow[]).map((m) => m.hostname)).toContain('globex-pc1');
  });

  it('keeps another entity out of the live stream', async () => {
    const seen: string[] = [];
    const stream = await alice.events((event: LiveEvent) => {
      if (event.type === 'machine.changed') seen.push(event.machine.hostname);
    });
    agents.push(await server.enroll(await server.token({ entity: 'Globex' }), 'globex-pc2'));
    agents.push(await server.enroll(await server.token({ entity: 'Acme' }), 'acme-pc2'));
    await waitFor('acme-pc2 online in the stream', () => seen.includes('acme-pc2'), 10_000);
    stream.close();
    expect(seen.filter((h) => h.startsWith('globex'))).toEqual([]);
  });

  it("moves machines between entities, audited, and only within the mover's rights", async () => {
    const paris = (await alice.machines('?q=paris-pc1')).items[0]!;
    await expect(alice.call('POST', '/api/v1/machines/move', { machines: ['paris-pc1'], entity: 'Globex' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('"Globex"'),
    });
    const globex = (await server.api.machines('?q=globex-pc1')).items[0]!;
    await expect(alice.call('POST', '/api/v1/machines/move', { machines: [globex.id], entity: 'Acme' })).rejects.toMatchObject({
      status: 404,
    });
    expect(await alice.call('POST', '/api/v1/machines/move', { machines: ['paris-pc1'], entity: 'Acme' })).toEqual({ moved: 1 });
    expect((await alice.machine(paris.id)).entityName).toBe('Acme');
    const audit = await server.api.call<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/api/v1/audit?action=machine.move&outcome=success',
    );
    expect(audit.items[0]).toMatchObject({
      actor: 'alice',
      address: '127.0.0.1',
      objectName: 'Acme',
      details: { machines: [{ id: paris.id, hostname: 'paris-pc1', from: expect.any(String) }] },
    });
    const refused = await server.api.call<{ items: unknown[] }>('GET', '/api/v1/audit?action=machine.move&outcome=failure');
    expect(refused.items.length).toBe(2);
  });

  it("shows a user the audit lines of their entities and their own, not another entity's", async () => {
    await server.api.call('POST', '/api/v1/groups', { name: 'globex-group', entity: 'Globex' });
    await alice.call('POST', '/api/v1/groups', { name: 'acme-group', entity: 'Acme' });
    const mine = await alice.call<{ items: Array<{ action: string; objectName: string | null; actor: string }> }>(
      'GET',
      '/api/v1/audit?limit=500',
    );
    const names = mine.items.map((e) => e.objectName);
    expect(names).toContain('acme-group');
    expect(names).not.toContain('globex-group');
    expect(mine.items.some((e) => e.actor === 'admin' && e.action === 'auth.login')).toBe(false);
    const csv = await alice.raw('GET', '/api/v1/audit/export?format=csv&action=group.');
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('acme-group');
    expect(text).not.toContain('globex-group');
  });
});
