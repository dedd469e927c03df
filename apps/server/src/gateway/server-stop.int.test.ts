import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@pons/protocol';
import { databaseBackends } from '@pons/test-kit';
import { TestServer, type TestAgent } from '../testing/test-server.js';

describe.each(databaseBackends())('a stopping server on %s', (backend) => {
  const server = new TestServer(backend);
  let agents: TestAgent[];

  beforeAll(async () => {
    await server.start();
    await server.admin();
    const token = await server.token({ maxUses: 40 });
    agents = await Promise.all(Array.from({ length: 40 }, (_, i) => server.enroll(token, `stop-${i}`)));
  });
  afterAll(() => server.dispose());

  it('tells every agent it is a restart, and leaves every machine offline as "server-stopped"', async () => {
    const closes = agents.map((a) => new Promise<number>((resolve) => a.connection.once('close', (c) => resolve(c.code))));
    await server.restart();
    expect(new Set(await Promise.all(closes))).toEqual(new Set([CloseCode.serverRestart]));
    await server.admin();
    const list = await server.api.machines('?limit=100');
    const ours = list.items.filter((m) => m.hostname.startsWith('stop-'));
    expect(ours).toHaveLength(40);
    expect(new Set(ours.map((m) => `${m.status}/${m.offlineReason}`))).toEqual(new Set(['offline/server-stopped']));
  });
});
