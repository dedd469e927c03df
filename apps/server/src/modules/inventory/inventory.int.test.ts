import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryDocument } from '@pons/protocol';
import { databaseBackends, waitFor } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

const document = (hostname: string): InventoryDocument => ({
  schema: 1,
  collectedAt: Date.now(),
  agentVersion: 'test',
  system: { hostname, platform: 'linux', osName: 'Debian GNU/Linux', osVersion: '12 (bookworm)', kernel: '6.1.0', arch: 'x64' },
  hardware: { vendor: 'Dell Inc.', model: 'OptiPlex 7090', serial: 'B5RNKK2' },
  cpu: { model: 'Intel Core i7-11700', cores: 16 },
  memory: { totalBytes: 16 * 1024 ** 3 },
  network: [
    { name: 'eth0', mac: '52:54:00:12:34:56', ipv4: [{ address: '10.1.2.3', netmask: '255.255.255.0' }], ipv6: [], gateway: '10.1.2.1' },
  ],
  software: [
    { name: 'firefox-esr', version: '128.5.0esr-1' },
    { name: 'bash', version: '5.2.15' },
  ],
  notes: [{ section: 'users', message: 'could not be read: permission denied' }],
});

describe.each(databaseBackends())('inventory on %s', (backend) => {
  const server = new TestServer(backend);
  beforeAll(async () => {
    await server.start();
    await server.admin();
  });
  afterAll(() => server.dispose());

  it('stores the full document and copies the listed fields to the machine', async () => {
    const agent = await server.enroll(await server.token(), 'pc-inv');
    expect(agent.connection.welcome.inventoryWanted).toBe(true);
    const acked = new Promise((resolve) => agent.connection.on('frame', (f) => f.type === 'ack' && resolve(f.replyTo)));
    const id = randomUUID();
    agent.connection.send({ type: 'inventory', id, reason: 'first-connect', document: document('pc-inv') });
    expect(await acked).toBe(id);
    const stored = await server.api.call<{ document: InventoryDocument }>('GET', '/api/v1/machines/pc-inv/inventory');
    expect(stored.document.software).toHaveLength(2);
    expect(stored.document.notes).toEqual([{ section: 'users', message: 'could not be read: permission denied' }]);
    const machine = await server.api.machine(agent.machineId);
    expect(machine).toMatchObject({
      vendor: 'Dell Inc.',
      model: 'OptiPlex 7090',
      cpuModel: 'Intel Core i7-11700',
      memoryBytes: 16 * 1024 ** 3,
      softwareCount: 2,
      ipAddresses: ['10.1.2.3'],
    });
    expect(machine.inventoryAt).not.toBeNull();
    agent.connection.terminate();
  });

  it('asks an agent for a fresh inventory on demand, with a signed command', async () => {
    const agent = await server.enroll(await server.token(), 'pc-refresh');
    agent.connection.on('frame', (frame) => {
      if (frame.type === 'command' && frame.name === 'inventory.collect') {
        agent.connection.send({ type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true } });
        agent.connection.send({ type: 'inventory', id: randomUUID(), reason: 'request', document: document('pc-refresh') });
      }
    });
    await waitFor('online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    await expect(server.api.call('POST', '/api/v1/machines/pc-refresh/inventory/refresh')).resolves.toEqual({
      machineId: agent.machineId,
      commandId: expect.any(String),
    });
    await waitFor('inventory stored', async () => (await server.api.machine(agent.machineId)).softwareCount === 2);
    agent.connection.terminate();
  });

  it('says clearly when a machine is offline or has no inventory yet', async () => {
    const agent = await server.enroll(await server.token(), 'pc-gone');
    await waitFor('online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    await expect(server.api.call('GET', '/api/v1/machines/pc-gone/inventory')).rejects.toMatchObject({
      status: 404,
      body: { error: { message: 'Machine pc-gone has not sent an inventory yet.' } },
    });
    await agent.connection.goodbye('agent-stopped');
    await waitFor('offline', async () => (await server.api.machine(agent.machineId)).status === 'offline');
    await expect(server.api.call('POST', '/api/v1/machines/pc-gone/inventory/refresh')).rejects.toMatchObject({
      status: 409,
      code: 'PONS_E_MACHINE_OFFLINE',
    });
    await expect(server.api.machine('no-such-machine')).rejects.toMatchObject({ status: 404, code: 'PONS_E_MACHINE_NOT_FOUND' });
  });
});
