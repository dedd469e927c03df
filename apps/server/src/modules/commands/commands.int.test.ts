import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandGuard } from '@pons/agent-link';
import type { CommandFrame, CommandSummary, CommandTargetResult } from '@pons/protocol';
import { databaseBackends, waitFor } from '@pons/test-kit';
import { TestServer, type TestAgent } from '../../testing/test-server.js';

type Behaviour = 'answer' | 'reject' | 'vanish';

/** Every command frame a connection receives, as sent. */
function frames(connection: TestAgent['connection']): CommandFrame[] {
  const got: CommandFrame[] = [];
  connection.on('frame', (frame) => frame.type === 'command' && got.push(frame));
  return got;
}

/** An agent that answers echo commands it can verify, and records the raw frames it got. */
function obey(agent: TestAgent, behaviour: Behaviour = 'answer', commandKey = agent.connection.welcome.commandKey!): string[] {
  // The command key is pinned at enrollment: a later hello's welcome does not repeat it.
  const guard = new CommandGuard(commandKey, agent.machineId);
  const received: string[] = [];
  agent.connection.on('frame', (frame) => {
    if (frame.type !== 'command') return;
    received.push(frame.machineId);
    const check = guard.check(frame, agent.connection.clockOffsetMs);
    if (behaviour === 'vanish') return agent.connection.terminate();
    if (!check.ok || behaviour === 'reject') {
      agent.connection.send({
        type: 'result',
        commandId: frame.id,
        status: 'rejected',
        error: { code: 'PONS_E_SIGNATURE_INVALID', message: check.ok ? 'refused for the test' : check.message },
      });
      return;
    }
    agent.connection.send({
      type: 'result',
      commandId: frame.id,
      status: 'ok',
      output: { payload: (frame.args as { payload?: string }).payload ?? '' },
    });
  });
  return received;
}

describe.each(databaseBackends())('commands on %s', (backend) => {
  const server = new TestServer(backend);
  beforeAll(async () => {
    await server.start();
    await server.admin();
  });
  afterAll(() => server.dispose());

  const summary = (id: string) => server.api.call<CommandSummary>('GET', `/api/v1/commands/${id}`);
  const online = (agents: TestAgent[]) =>
    waitFor('agents online', async () => {
      const list = await server.api.machines('?status=online&limit=1000');
      return agents.every((a) => list.items.some((m) => m.id === a.machineId));
    });

  it('signs a command for every machine once, delivers it to each, and records every answer', async () => {
    const token = await server.token({ maxUses: 10 });
    const agents = await Promise.all(['b-1', 'b-2', 'b-3', 'b-4'].map((h) => server.enroll(token, h)));
    const offline = await server.enroll(token, 'b-later');
    await offline.connection.goodbye('agent-stopped');
    const received = agents.map((a) => obey(a));
    await online(agents);

    const created = await server.api.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: { payload: 'all' },
      targets: { all: true },
    });
    expect(created).toMatchObject({ name: 'echo', targetKind: 'all', createdBy: 'admin' });
    expect(created.total).toBeGreaterThanOrEqual(5);
    await waitFor('answers', async () => (await summary(created.id)).counts.succeeded === 4);
    expect(received.flat()).toEqual(['*', '*', '*', '*']);
    const done = await summary(created.id);
    expect(done.roundTripMs).toMatchObject({ p50: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) });
    expect(done.lastReplyAt! - done.createdAt).toBeLessThan(5000);

    // The machine that was away gets the command when it comes back, addressed to it alone.
    const back = await server.reconnect(offline, 'b-later');
    const backReceived = obey({ ...offline, connection: back }, 'answer', offline.connection.welcome.commandKey);
    await waitFor('late answer', async () => {
      const results = await server.api.call<{ items: CommandTargetResult[] }>('GET', `/api/v1/commands/${created.id}/results?limit=1000`);
      return results.items.find((r) => r.machineId === offline.machineId)?.status === 'succeeded';
    });
    expect(backReceived).toEqual([offline.machineId]);
    for (const a of agents) a.connection.terminate();
    back.terminate();
  });

  it('signs a command for several machines once, for their set, and each agent checks its own membership', async () => {
    const token = await server.token({ maxUses: 10 });
    const agents = await Promise.all(['s-1', 's-2', 's-3'].map((h) => server.enroll(token, h)));
    const old = await server.enroll(token, 's-old');
    const oldKey = old.connection.welcome.commandKey!;
    old.connection.terminate();
    const oldLink = await server.reconnect(old, 's-old', 1);
    const seen = agents.map((a) => frames(a.connection));
    const seenOld = frames(oldLink);
    for (const a of agents) obey(a);
    obey({ ...old, connection: oldLink }, 'answer', oldKey);
    await online([...agents, old]);

    const created = await server.api.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: { payload: 'set' },
      targets: { machines: [...agents, old].map((a) => a.machineId) },
    });
    await waitFor('every answer', async () => (await summary(created.id)).counts.succeeded === 4);
    const got = seen.map((s) => s[0]!);
    // Protocol 2: one signature for all, each frame addressed to its machine with its own proof.
    expect(new Set(got.map((f) => f.signature)).size).toBe(1);
    got.forEach((frame, i) => {
      expect(frame.machineId).toBe(agents[i]!.machineId);
      expect(frame.targetProof?.length).toBeGreaterThan(0);
    });
    // Moved to another machine of the set, or to one outside it, the frame no longer verifies.
    const key = agents[0]!.connection.welcome.commandKey!;
    const moved = new CommandGuard(key, agents[1]!.machineId).check({ ...got[0]!, machineId: agents[1]!.machineId }, 0);
    expect(moved).toMatchObject({ ok: false, message: expect.stringContaining('signature') });
    const stranger = new CommandGuard(key, 'not-in-the-set').check({ ...got[0]!, machineId: 'not-in-the-set' }, 0);
    expect(stranger).toMatchObject({ ok: false, message: expect.stringContaining('signature') });
    // Protocol 1 knows no proofs: that agent got a signature of its own.
    expect(seenOld[0]).toMatchObject({ machineId: old.machineId });
    expect(seenOld[0]!.targetProof).toBeUndefined();
    expect(seenOld[0]!.signature).not.toBe(got[0]!.signature);
    for (const a of agents) a.connection.terminate();
    oldLink.terminate();
  });

  it('reports a refusal and a lost connection with their causes, and never sends a target twice', async () => {
    const token = await server.token({ maxUses: 10 });
    const refuser = await server.enroll(token, 'refuser');
    const vanisher = await server.enroll(token, 'vanisher');
    obey(refuser, 'reject');
    obey(vanisher, 'vanish');
    await online([refuser, vanisher]);
    const created = await server.api.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: {},
      targets: { machines: ['refuser', vanisher.machineId] },
    });
    await waitFor('both settled', async () => {
      const s = await summary(created.id);
      return s.counts.rejected === 1 && s.counts.failed === 1;
    });
    const results = await server.api.call<{ items: CommandTargetResult[] }>('GET', `/api/v1/commands/${created.id}/results`);
    expect(results.items.find((r) => r.hostname === 'refuser')).toMatchObject({
      status: 'rejected',
      error: { code: 'PONS_E_SIGNATURE_INVALID', message: 'refused for the test' },
    });
    expect(results.items.find((r) => r.hostname === 'vanisher')).toMatchObject({
      status: 'failed',
      error: { code: 'PONS_E_COMMAND_LOST', message: 'The machine disconnected before answering.' },
    });
    expect(await server.server.commands.claim(created.id, [refuser.machineId, vanisher.machineId])).toEqual([]);
    refuser.connection.terminate();
  });

  it('expires a command that an offline machine did not pick up in time', async () => {
    const agent = await server.enroll(await server.token(), 'sleeper');
    await agent.connection.goodbye('host-sleep');
    const created = await server.api.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: {},
      targets: { machines: [agent.machineId] },
      ttlMs: 1000,
    });
    expect(created.counts.queued).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await server.server.commands.expireDue()).toBeGreaterThanOrEqual(1);
    const results = await server.api.call<{ items: CommandTargetResult[] }>('GET', `/api/v1/commands/${created.id}/results`);
    expect(results.items[0]).toMatchObject({
      status: 'expired',
      error: { code: 'PONS_E_COMMAND_EXPIRED', message: 'The machine did not connect before the command expired.' },
    });
  });

  it('refuses bad requests with clear errors and records nothing', async () => {
    const bad = async (body: unknown) =>
      (await server.api.raw('POST', '/api/v1/commands', body)).body as { error: { code: string; message: string } };
    expect((await bad({ name: 'format-disk', args: {}, targets: { all: true } })).error.code).toBe('PONS_E_VALIDATION');
    expect(await bad({ name: 'echo', args: { payload: 42 }, targets: { all: true } })).toMatchObject({
      error: { code: 'PONS_E_VALIDATION', message: expect.stringContaining('Invalid arguments for echo') },
    });
    expect(await bad({ name: 'echo', args: {}, targets: { all: true, entity: 'root' } })).toMatchObject({
      error: { code: 'PONS_E_VALIDATION', message: expect.stringContaining('one way') },
    });
    expect(await bad({ name: 'echo', args: {}, targets: { machines: ['nobody-here'] } })).toMatchObject({
      error: { code: 'PONS_E_MACHINE_NOT_FOUND', message: 'No machine "nobody-here" is visible to you.' },
    });
    expect((await server.api.raw('GET', '/api/v1/commands/does-not-exist')).status).toBe(404);
  });
});
