import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AgentConnection, CommandGuard, fetchPinnedCa, type LinkError } from '@pons/agent-link';
import { authPayload, generateEd25519, loadPrivateKey, signText } from '@pons/crypto';
import { MAX_PREAUTH_FRAME_BYTES, type ServerFrame } from '@pons/protocol';
import { databaseBackends, waitFor } from '@pons/test-kit';
import { facts, TestServer, type TestAgent } from '../testing/test-server.js';

/** A raw client for frames the real agent would never send. */
function rawClient(
  server: TestServer,
): Promise<{ ws: WebSocket; frames: ServerFrame[]; closed: Promise<{ code: number; reason: string }>; next: () => Promise<ServerFrame> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('https', 'wss')}/agent/v1`, {
      ca: server.server.caPem,
      checkServerIdentity: () => undefined,
    } as unknown as WebSocket.ClientOptions);
    const frames: ServerFrame[] = [];
    const waiters: Array<(f: ServerFrame) => void> = [];
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else frames.push(frame);
    });
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on('close', (code, reason) => r({ code, reason: reason.toString() })),
    );
    const next = () => {
      const ready = frames.shift();
      return ready ? Promise.resolve(ready) : new Promise<ServerFrame>((r) => waiters.push(r));
    };
    ws.once('open', () => resolve({ ws, frames, closed, next }));
    ws.once('error', reject);
  });
}

describe.each(databaseBackends())('agent channel on %s', (backend) => {
  // Bans are tested on their own; here many refusals come from one address on purpose.
  const server = new TestServer(backend, { bans: { maxFailures: 1000, windowMs: 600_000, banMs: 600_000 } });
  let bystander: TestAgent;

  beforeAll(async () => {
    await server.start();
    await server.admin();
    bystander = await server.enroll(await server.token(), 'bystander');
  });
  afterAll(() => server.dispose());

  it('enrols an agent with a token and shows it online', async () => {
    const list = await waitFor('bystander online', async () => {
      const machines = await server.api.machines('?status=online');
      return machines.items.some((m) => m.id === bystander.machineId) && machines;
    });
    expect(list.items.find((m) => m.id === bystander.machineId)).toMatchObject({
      hostname: 'bystander',
      status: 'online',
      offlineReason: null,
      macAddresses: ['52:54:00:12:34:56'],
    });
  });

  it('carries signed commands that the agent verifies, and refuses tampered ones', async () => {
    const agent = await server.enroll(await server.token(), 'commanded');
    const guard = new CommandGuard(agent.connection.welcome.commandKey!, agent.machineId);
    const verdicts: string[] = [];
    agent.connection.on('frame', (frame) => {
      if (frame.type !== 'command') return;
      const tampered = { ...frame, args: { payload: 'tampered' } };
      verdicts.push(guard.check(tampered, agent.connection.clockOffsetMs).ok ? 'tampered accepted' : 'tampered refused');
      const check = guard.check(frame, agent.connection.clockOffsetMs);
      verdicts.push(check.ok ? 'accepted' : check.message);
      agent.connection.send({ type: 'result', commandId: frame.id, status: 'ok', output: frame.args });
    });
    await waitFor('commanded online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    const result = await server.api.call('POST', `/api/v1/machines/${agent.machineId}/commands`, {
      name: 'echo',
      args: { payload: 'ping' },
    });
    expect(result).toMatchObject({ machineId: agent.machineId, status: 'succeeded', output: { payload: 'ping' }, error: null });
    expect(verdicts).toEqual(['tampered refused', 'accepted']);
    agent.connection.terminate();
  });

  it.each([
    ['unknown', async () => 'pet_doesnotexist', 'PONS_E_TOKEN_INVALID'],
    [
      'expired',
      async () => {
        const token = await server.token({ expiresInMs: 60_000 });
        await server.server.database.db
          .updateTable('enrollment_tokens')
          .set({ expires_at: Date.now() - 1 })
          .where('label', '=', '')
          .where('expires_at', '>', Date.now())
          .where('uses', '=', 0)
          .execute();
        return token;
      },
      'PONS_E_TOKEN_EXPIRED',
    ],
    [
      'exhausted',
      async () => {
        const token = await server.token({ maxUses: 1 });
        (await server.enroll(token, 'first-use')).connection.terminate();
        return token;
      },
      'PONS_E_TOKEN_EXHAUSTED',
    ],
    [
      'revoked',
      async () => {
        const created = await server.api.createToken({ maxUses: 5 });
        await server.api.call('DELETE', `/api/v1/enrollment-tokens/${created.id}`);
        return created.token;
      },
      'PONS_E_TOKEN_REVOKED',
    ],
  ])('refuses an %s token with a clear error and creates nothing', async (_name, makeToken, code) => {
    const token = await makeToken();
    const before = await server.machineCount();
    const error = (await server.enroll(token, 'refused').catch((e: unknown) => e)) as LinkError;
    expect(error).toMatchObject({ code, fatal: true });
    expect(error.message.length).toBeGreaterThan(20);
    expect(await server.machineCount()).toBe(before);
    expect(bystander.connection.open).toBe(true);
  });

  it('refuses a server whose CA does not match the pinned fingerprint', async () => {
    const error = (await fetchPinnedCa(server.url, `sha256:${'0'.repeat(64)}`).catch((e: unknown) => e)) as LinkError;
    expect(error).toMatchObject({ code: 'PONS_E_AUTH_FAILED', fatal: true });
    expect(error.message).toContain('pinned CA');
  });

  it('closes on a malformed frame and keeps serving the others', async () => {
    const client = await rawClient(server);
    expect((await client.next()).type).toBe('challenge');
    client.ws.send('{"type":"hello","protocol":1}');
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'PONS_E_FRAME_INVALID',
      message: expect.stringContaining('invalid hello frame'),
    });
    expect((await client.closed).code).toBe(4000);
    expect(bystander.connection.open).toBe(true);
  });

  it('closes on an oversized frame before authentication', async () => {
    const client = await rawClient(server);
    await client.next();
    client.ws.send('x'.repeat(MAX_PREAUTH_FRAME_BYTES + 1));
    expect(await client.next()).toMatchObject({ type: 'error', code: 'PONS_E_FRAME_TOO_LARGE' });
    expect((await client.closed).code).toBe(1009);
    expect(bystander.connection.open).toBe(true);
  });

  it('refuses a replayed signature: each connection has its own challenge', async () => {
    const first = await rawClient(server);
    const challenge = await first.next();
    if (challenge.type !== 'challenge') throw new Error('expected a challenge');
    const hello = {
      type: 'hello',
      protocol: 1,
      agentVersion: 'test',
      machineId: bystander.machineId,
      signature: signText(bystander.key.privateKey, authPayload(challenge.nonce, bystander.machineId, bystander.key.publicKey)),
      facts: facts('bystander'),
    };
    first.ws.close();
    const replay = await rawClient(server);
    await replay.next();
    replay.ws.send(JSON.stringify(hello));
    expect(await replay.next()).toMatchObject({ type: 'error', code: 'PONS_E_SIGNATURE_INVALID' });
    expect(bystander.connection.open).toBe(true);
  });

  it('refuses a hello signed with another key (forgery)', async () => {
    const forger = generateEd25519();
    const error = (await AgentConnection.open({
      serverUrl: server.url,
      caPem: server.server.caPem,
      key: { privateKey: loadPrivateKey(forger.privateKeyPem), publicKey: forger.publicKey },
      auth: { kind: 'hello', machineId: bystander.machineId },
      facts: facts('forger'),
      agentVersion: 'test',
    }).catch((e: unknown) => e)) as LinkError;
    expect(error).toMatchObject({ code: 'PONS_E_SIGNATURE_INVALID' });
    expect(bystander.connection.open).toBe(true);
    const machine = await server.api.machine(bystander.machineId);
    expect(machine).toMatchObject({ status: 'online', hostname: 'bystander' });
  });

  it('refuses an unknown machine id', async () => {
    const key = generateEd25519();
    const error = (await AgentConnection.open({
      serverUrl: server.url,
      caPem: server.server.caPem,
      key: { privateKey: loadPrivateKey(key.privateKeyPem), publicKey: key.publicKey },
      auth: { kind: 'hello', machineId: randomUUID() },
      facts: facts('ghost'),
      agentVersion: 'test',
    }).catch((e: unknown) => e)) as LinkError;
    expect(error).toMatchObject({ code: 'PONS_E_UNKNOWN_MACHINE', fatal: true });
  });

  it('records why a machine went offline', async () => {
    const token = await server.token();
    const stopped = await server.enroll(token, 'stopped');
    const sleeping = await server.enroll(token, 'sleeping');
    const dropped = await server.enroll(token, 'dropped');
    await stopped.connection.goodbye('agent-stopped');
    await sleeping.connection.goodbye('host-sleep');
    dropped.connection.terminate();
    const reasons = await waitFor('three offline reasons', async () => {
      const list = await server.api.machines('?status=offline');
      const byName = Object.fromEntries(list.items.map((m) => [m.hostname, m.offlineReason]));
      const settled = [byName.stopped, byName.sleeping, byName.dropped].every((r) => r && r !== 'never-connected');
      return settled ? byName : undefined;
    });
    expect(reasons).toMatchObject({ stopped: 'agent-stopped', sleeping: 'host-sleep', dropped: 'connection-lost' });
  });

  it('takes a goodbye at once, even right behind a slow frame', async () => {
    const agent = await server.enroll(await server.token(), 'busy');
    await waitFor('busy online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    const software = Array.from({ length: 5000 }, (_, i) => ({ name: `package-${i}`, version: '1.0' }));
    const document = {
      schema: 1 as const,
      collectedAt: Date.now(),
      agentVersion: 'test',
      system: { hostname: 'busy', platform: 'linux' as const, osName: 'Debian', osVersion: '12', arch: 'x64' },
      software,
      notes: [],
    };
    agent.connection.send({ type: 'inventory', id: randomUUID(), reason: 'schedule', document });
    await agent.connection.goodbye('agent-stopped');
    const machine = await waitFor('busy offline', async () => {
      const m = await server.api.machine(agent.machineId);
      return m.status === 'offline' ? m : undefined;
    });
    expect(machine.offlineReason).toBe('agent-stopped');
  });

  it('replaces an older connection of the same machine and stays online', async () => {
    const agent = await server.enroll(await server.token(), 'twice');
    const closed = new Promise<{ code: number }>((resolve) => agent.connection.once('close', resolve));
    const second = await server.reconnect(agent, 'twice');
    expect((await closed).code).toBe(4001);
    await waitFor('still online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    second.terminate();
  });

  it('does not hold a stall of its own process against the agents', async () => {
    const agent = await server.enroll(await server.token(), 'patient');
    await waitFor('patient agent online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    let closed = false;
    agent.connection.once('close', () => (closed = true));
    // Server and agent share this process: hold it past the two-ping deadline (2 × 500 ms), as a
    // long garbage collection or a burst of work would. Pongs sent before are unread meanwhile.
    const until = Date.now() + 1200;
    while (Date.now() < until) {
      // busy: nothing runs, no socket is read
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(closed).toBe(false);
    expect((await server.api.machine(agent.machineId)).status).toBe('online');
    agent.connection.terminate();
  });

  it('pings only a quiet link: frames both ways within the interval stand for the ping', async () => {
    const chatty = await server.enroll(await server.token(), 'chatty');
    const quiet = await server.enroll(await server.token(), 'quiet');
    chatty.connection.on('frame', (frame) => {
      if (frame.type === 'command') chatty.connection.send({ type: 'result', commandId: frame.id, status: 'ok', output: frame.args });
    });
    const pings = { chatty: 0, quiet: 0 };
    const echo = () => server.api.call('POST', `/api/v1/machines/${chatty.machineId}/commands`, { name: 'echo', args: { payload: 'x' } });
    await waitFor('chatty online', async () => (await server.api.machine(chatty.machineId)).status === 'online');
    await echo();
    const wsOf = (agent: TestAgent) => (agent.connection as unknown as { ws: WebSocket }).ws;
    wsOf(chatty).on('ping', () => pings.chatty++);
    wsOf(quiet).on('ping', () => pings.quiet++);
    // Three ping intervals (500 ms) with a command and its answer every ~100 ms on one link.
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      await echo();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pings.quiet).toBeGreaterThanOrEqual(2);
    expect(pings.chatty).toBe(0);
    chatty.connection.terminate();
    quiet.connection.terminate();
  });

  it('declares a silent agent offline with "network timeout" within two ping intervals', async () => {
    const agent = await server.enroll(await server.token(), 'silent');
    await waitFor('silent agent online', async () => (await server.api.machine(agent.machineId)).status === 'online');
    // Stop answering pings without closing the socket, as a host that lost power behind a NAT would.
    const ws = (agent.connection as unknown as { ws: WebSocket }).ws;
    (ws as unknown as { _autoPong: boolean })._autoPong = false;
    ws.removeAllListeners('ping');
    const silentAt = Date.now();
    const machine = await waitFor(
      'silent agent offline',
      async () => {
        const m = await server.api.machine(agent.machineId);
        return m.status === 'offline' ? m : undefined;
      },
      5000,
      20,
    );
    expect(machine.offlineReason).toBe('network-timeout');
    expect(Date.now() - silentAt).toBeLessThanOrEqual(2 * 500 + 250);
  });
});
