import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends, waitFor } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

const hardware = { smbiosUuid: '4C4C4544-0042-3510-8052-B4C04F4E4B32', serial: 'B5RNKK2' };

describe.each(databaseBackends())('enrollment on %s', (backend) => {
  const server = new TestServer(backend, { bans: { maxFailures: 1000, windowMs: 600_000, banMs: 600_000 } });
  beforeAll(async () => {
    await server.start();
    await server.admin();
  });
  afterAll(() => server.dispose());

  it('creates a token scoped to an entity, with expiry and use limit, shown once', async () => {
    const created = await server.api.createToken({ entity: 'root', maxUses: 100, expiresInMs: 7 * 86_400_000 });
    expect(created).toMatchObject({
      entityName: 'root',
      maxUses: 100,
      uses: 0,
      state: 'active',
      caFingerprint: server.server.caFingerprint,
    });
    expect(created.token).toMatch(/^pet_[A-Za-z0-9_-]{32}$/);
    expect(created.agentCommand).toBe(
      `pons agent --server ${server.url} --token ${created.token} --ca-fingerprint ${server.server.caFingerprint}`,
    );
    const listed = await server.api.call<{ items: Array<Record<string, unknown>> }>('GET', '/api/v1/enrollment-tokens');
    const entry = listed.items.find((t) => t.id === created.id)!;
    expect(entry).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('refuses an unknown entity with a clear error', async () => {
    await expect(server.api.createToken({ entity: 'Initech' })).rejects.toMatchObject({ status: 404, code: 'PONS_E_ENTITY_NOT_FOUND' });
  });

  it('keeps the same machine record when the same hardware enrols again', async () => {
    const token = await server.token();
    const first = await server.enroll(token, 'reinstalled', hardware);
    await first.connection.goodbye('agent-stopped');
    const second = await server.enroll(token, 'reinstalled', hardware);
    expect(second.machineId).toBe(first.machineId);
    const machine = await waitFor('online again', async () => {
      const m = await server.api.machine(first.machineId);
      return m.status === 'online' ? m : undefined;
    });
    expect(machine).toMatchObject({ identitySource: 'smbios', smbiosUuid: hardware.smbiosUuid.toLowerCase(), serial: hardware.serial });
    second.connection.terminate();
  });

  it('refuses to take over hardware that is online under another key', async () => {
    const token = await server.token();
    const original = await server.enroll(token, 'original', { smbiosUuid: '11111111-2222-3333-4444-555555555555', serial: 'CLONE1' });
    await waitFor('original online', async () => (await server.api.machine(original.machineId)).status === 'online');
    await expect(
      server.enroll(token, 'clone', { smbiosUuid: '11111111-2222-3333-4444-555555555555', serial: 'CLONE1' }),
    ).rejects.toMatchObject({
      code: 'PONS_E_ENROLL_DUPLICATE_HARDWARE',
      message: expect.stringContaining('--identity generated'),
    });
    original.connection.terminate();
  });

  it('gives the use of a refused enrollment back to the token', async () => {
    const token = await server.token({ maxUses: 2 });
    const hardware = { smbiosUuid: '99999999-2222-3333-4444-555555555555', serial: 'CLONE2' };
    const original = await server.enroll(token, 'first-of-two', hardware);
    await waitFor('first online', async () => (await server.api.machine(original.machineId)).status === 'online');
    await expect(server.enroll(token, 'refused-clone', hardware)).rejects.toMatchObject({ code: 'PONS_E_ENROLL_DUPLICATE_HARDWARE' });
    // Two uses: the first agent's, and this one's; the refused clone took none.
    const second = await server.enroll(token, 'second-of-two');
    await expect(server.enroll(token, 'third-of-two')).rejects.toMatchObject({ code: 'PONS_E_TOKEN_EXHAUSTED' });
    original.connection.terminate();
    second.connection.terminate();
  });

  it('never merges machines that share a MAC address, and hides blacklisted MACs', async () => {
    const token = await server.token();
    const shared = { macAddresses: ['00:09:0f:fe:00:01', '00:00:00:00:00:00', '52:54:00:aa:bb:01'] };
    const a = await server.enroll(token, 'fortinet-a', {}, shared);
    const b = await server.enroll(token, 'fortinet-b', {}, { ...shared, macAddresses: ['00:09:0f:fe:00:01', '52:54:00:aa:bb:02'] });
    expect(a.machineId).not.toBe(b.machineId);
    const machine = await waitFor('facts stored', async () => {
      const m = await server.api.machine(a.machineId);
      return m.status === 'online' ? m : undefined;
    });
    expect(machine.macAddresses).toEqual(['52:54:00:aa:bb:01']);
    a.connection.terminate();
    b.connection.terminate();
  });

  it('counts token uses atomically: a 2-use token enrols exactly two of five racing agents', async () => {
    const token = await server.token({ maxUses: 2 });
    const before = await server.machineCount();
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => server.enroll(token, `racer-${i}`)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(2);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) => r.reason as { code: string })
        .map((e) => e.code),
    ).toEqual(Array(3).fill('PONS_E_TOKEN_EXHAUSTED'));
    expect(await server.machineCount()).toBe(before + 2);
    for (const r of won) r.value.connection.terminate();
  });
});

describe.each(databaseBackends())('enrollment brute force on %s', (backend) => {
  const server = new TestServer(backend);
  beforeAll(async () => {
    await server.start();
    await server.admin();
  });
  afterAll(() => server.dispose());

  it('bans an address after five refused enrollments, even for a valid token, and says so', async () => {
    for (let i = 0; i < 5; i++)
      await expect(server.enroll(`pet_guess${i}`, 'guesser')).rejects.toMatchObject({ code: 'PONS_E_TOKEN_INVALID' });
    const valid = await server.token();
    await expect(server.enroll(valid, 'guesser')).rejects.toMatchObject({
      code: 'PONS_E_BANNED',
      message: expect.stringContaining('Too many failed attempts from 127.0.0.1'),
    });
    const metrics = await server.api.raw('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/pons_address_bans_total 1/);
  });
});
