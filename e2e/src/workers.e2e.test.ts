import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandSummary, LiveEvent, MachineSummary } from '@pons/protocol';
import { AgentProcess, ServerProcess, waitFor, type ApiClient } from '@pons/test-kit';

/** `pons server --workers 2`: two worker processes share one port, on SQLite, with no broker. */
describe('worker processes sharing one port', () => {
  let server: ServerProcess;
  let api: ApiClient;
  const agents: AgentProcess[] = [];

  beforeAll(async () => {
    // Loopback is a trusted proxy here, so that a test can fail logins from an address of its own.
    server = await new ServerProcess({
      env: { PONS_WORKERS: '2', PONS_PING_INTERVAL: '1s', PONS_NODE_HEARTBEAT: '500ms', PONS_TRUSTED_PROXIES: '127.0.0.1' },
    }).start();
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
    const { token } = await api.createToken({ maxUses: 10 });
    for (let i = 0; i < 6; i++) {
      agents.push(
        new AgentProcess({
          server: server.url,
          token,
          caFingerprint: server.caFingerprint,
          hostname: `worker-agent-${i}`,
          args: ['--reconnect-base', '200ms', '--reconnect-max', '2s'],
        }).start(),
      );
    }
    await waitFor('six agents online', async () => (await api.machines('?status=online')).total === 6, 30_000);
  });

  afterAll(async () => {
    for (const agent of agents) await agent.dispose();
    await server?.dispose();
  });

  const holders = async () => {
    const list = await api.machines('?status=online');
    return Promise.all(list.items.map(async (m) => (await api.machine(m.id)).connectedTo));
  };

  it('spreads agents over both workers', async () => {
    const nodes = new Set(await holders());
    expect(nodes.size).toBe(2);
    for (const node of nodes) expect(node).toMatch(/#[01]$/);
  });

  it('routes a command from whichever worker took the request to the workers holding the agents', async () => {
    const created = await api.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: { payload: 'hi' },
      targets: { all: true },
    });
    const done = await waitFor('all answered', async () => {
      const s = await api.call<CommandSummary>('GET', `/api/v1/commands/${created.id}`);
      return s.counts.succeeded === 6 ? s : undefined;
    });
    expect(done.counts).toMatchObject({ succeeded: 6, queued: 0, sent: 0, failed: 0 });
  });

  it('survives the death of a worker, and shows live changes from every worker', async () => {
    const workers = execFileSync('pgrep', ['-P', String(server.child.pid)])
      .toString()
      .trim()
      .split('\n')
      .map(Number);
    expect(workers).toHaveLength(2);
    process.kill(workers[0]!, 'SIGKILL');
    // Its agents reconnect through the shared port; the primary starts a new worker meanwhile.
    await waitFor(
      'every agent online again',
      async () => (await api.machines('?status=online')).total === 6 && (await holders()).every(Boolean),
      30_000,
    );
    const restarted = await waitFor('a new worker', () => {
      const now = execFileSync('pgrep', ['-P', String(server.child.pid)])
        .toString()
        .trim()
        .split('\n')
        .map(Number);
      return now.length === 2 ? now : undefined;
    });
    expect(restarted).not.toContain(workers[0]);

    // Whichever worker serves the stream and whichever holds the agent, the change shows.
    const seen: MachineSummary[] = [];
    const stream = await api.events((event: LiveEvent) => event.type === 'machine.changed' && seen.push(event.machine));
    const leaving = agents[0]!;
    await leaving.stop();
    const offline = await waitFor('offline seen live', () => seen.find((m) => m.id === leaving.machineId && m.status === 'offline'));
    expect(offline.offlineReason).toBe('agent-stopped');
    stream.close();
  });

  it('bans an address after five failures, whichever workers counted them', async () => {
    // A new connection per request: the primary hands connections to the workers in turn.
    const from = { 'x-forwarded-for': '203.0.113.50', connection: 'close' };
    for (let i = 0; i < 5; i++) {
      const res = await api.raw('POST', '/api/v1/auth/login', { username: `nobody-${i}`, password: 'wrong' }, from);
      expect(res.status).toBe(401);
    }
    for (let i = 0; i < 2; i++) {
      const res = await api.raw('POST', '/api/v1/auth/login', { username: 'admin', password: 'Test-Password-2026!' }, from);
      expect(res.status).toBe(429);
    }
  });
});
