import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, databaseBackends } from '@pons/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../platform/db/database.js';
import { migrateToLatest } from '../../platform/db/migrator.js';
import { PresenceRepository, type Facts, type PresenceChange } from './presence.repository.js';

const facts = (hostname: string): Facts => ({
  hostname,
  platform: 'linux',
  os_name: 'Debian',
  os_version: '12',
  arch: 'x64',
  ip_addresses: '[]',
  mac_addresses: '[]',
  agent_version: '1.0.0',
});

describe.each(databaseBackends())('presence writes on %s', (backend) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (backend === 'postgres') {
      const database = await createTestDatabase();
      handle = openDatabase({ databaseUrl: database.url, dataDir: '' });
      cleanup = database.drop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'pons-presence-'));
      handle = openDatabase({ databaseUrl: null, dataDir: dir });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await migrateToLatest(handle.db);
    const rows = Array.from({ length: 900 }, (_, i) => ({
      id: `m${i}`,
      entity_id: 'root',
      identity_key: `key-${i}`,
      identity_source: 'generated',
      generated_id: `g${i}`,
      public_key: 'pk',
      ...facts('old'),
      status: 'offline',
      status_since: 1,
      enrolled_at: 1,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await handle.db
        .insertInto('machines')
        .values(rows.slice(i, i + 100))
        .execute();
  });
  afterAll(async () => {
    await handle.close();
    await cleanup();
  });

  const state = async (id: string) =>
    handle.db
      .selectFrom('machines')
      .select(['status', 'offline_reason', 'connection_id', 'node_id', 'hostname', 'status_since'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('writes hundreds of changes in bulk, the newest connection of each machine winning', async () => {
    const repo = new PresenceRepository(handle.db);
    const online = (i: number, connectionId: string, at: number): PresenceChange => ({
      kind: 'online',
      machineId: `m${i}`,
      nodeId: 'n1',
      connectionId,
      at,
      facts: facts(`host-${i}-${connectionId}`),
    });
    // More than one statement's worth; m0 has two connections in the batch, the older one last.
    await repo.apply([...Array.from({ length: 900 }, (_, i) => online(i, `c2-${i}`, 100)), online(0, 'c1-0', 90)]);
    expect(await state('m0')).toMatchObject({ status: 'online', connection_id: 'c2-0', hostname: 'host-0-c2-0' });
    expect(await state('m899')).toMatchObject({ status: 'online', connection_id: 'c2-899', status_since: 100 });

    const offline = (i: number, connectionId: string): PresenceChange => ({
      kind: 'offline',
      machineId: `m${i}`,
      connectionId,
      at: 200,
      reason: 'agent-stopped',
    });
    // m1's offline names a connection that no longer holds it: it must stay online.
    await repo.apply([...Array.from({ length: 899 }, (_, i) => offline(i + 2, `c2-${i + 2}`)), offline(1, 'c0-1')]);
    expect(await state('m1')).toMatchObject({ status: 'online', connection_id: 'c2-1' });
    expect(await state('m500')).toMatchObject({ status: 'offline', offline_reason: 'agent-stopped', status_since: 200 });
    const counts = await handle.db
      .selectFrom('machines')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]))).toEqual({ online: 2, offline: 898 });
  });

  it('lets a connection that came and went take the machine offline with its facts, unless a newer one holds it', async () => {
    const repo = new PresenceRepository(handle.db);
    const cameAndWent = (machineId: string, connectionId: string): PresenceChange => ({
      kind: 'offline',
      machineId,
      connectionId,
      at: 300,
      reason: 'connection-lost',
      facts: facts('brief'),
      nodeId: 'n2',
    });
    await repo.apply([cameAndWent('m3', 'c3-3'), cameAndWent('m1', 'c1-1')]);
    expect(await state('m3')).toMatchObject({ status: 'offline', connection_id: 'c3-3', node_id: 'n2', hostname: 'brief' });
    expect(await state('m1')).toMatchObject({ status: 'online', connection_id: 'c2-1' });
  });
});
