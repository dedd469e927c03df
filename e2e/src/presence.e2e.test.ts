import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent, MachineSummary } from '@pons/protocol';
import { AgentProcess, createTestDatabase, databaseBackends, ServerProcess, TcpRelay, waitFor, type ApiClient } from '@pons/test-kit';

const PING_MS = 1000;

/** Records every machine change the console would see, with its arrival time. */
function recorder(api: ApiClient) {
  const seen: Array<{ at: number; machine: MachineSummary }> = [];
  const ready = api.events((event: LiveEvent, at) => {
    if (event.type === 'machine.changed') seen.push({ at, machine: event.machine });
  });
  return {
    ready,
    /** The first change for this machine matching `status` at or after `since`. */
    when: (machineId: string, status: 'online' | 'offline', since: number, timeoutMs = 10_000) =>
      waitFor(
        `${machineId} ${status}`,
        () => seen.find((e) => e.at >= since && e.machine.id === machineId && e.machine.status === status),
        timeoutMs,
        10,
      ),
  };
}

describe.each(databaseBackends())('presence with real processes on %s', (backend) => {
  let server: ServerProcess;
  let drop: (() => Promise<void>) | null = null;
  const agents: AgentProcess[] = [];
  let relay: TcpRelay;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (backend === 'postgres') ({ url: databaseUrl, drop } = await createTestDatabase());
    server = await new ServerProcess({ ...(databaseUrl ? { databaseUrl } : {}), env: { PONS_PING_INTERVAL: `${PING_MS}ms` } }).start();
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
    token = (await api.createToken({ maxUses: 20 })).token;
    relay = await new TcpRelay({ host: '127.0.0.1', port: server.port }).start();
  });

  afterAll(async () => {
    for (const agent of agents) await agent.dispose();
    await relay?.stop();
    await server?.dispose();
    await drop?.();
  });

  const agent = (hostname: string, via: 'direct' | 'relay' = 'direct', args: string[] = []) => {
    const url = via === 'direct' ? server.url : `https://127.0.0.1:${relay.port}`;
    const process = new AgentProcess({
      server: url,
      token,
      caFingerprint: server.caFingerprint,
      hostname,
      args: ['--reconnect-base', '250ms', '--reconnect-max', '4s', ...args],
    });
    agents.push(process);
    return process.start();
  };

  it('shows three agents online within 5 s, and each offline with its true reason', async () => {
    const events = recorder(api);
    await events.ready;
    const started = Date.now();
    const [alpha, beta, gamma] = [agent('e2e-alpha'), agent('e2e-beta'), agent('e2e-gamma', 'relay')];
    const ids = await waitFor('three machine ids', () =>
      alpha.machineId && beta.machineId && gamma.machineId ? [alpha.machineId, beta.machineId, gamma.machineId] : undefined,
    );
    const online = await Promise.all(ids.map((id) => events.when(id, 'online', started)));
    const slowest = Math.max(...online.map((e) => e.at)) - started;
    expect(slowest).toBeLessThan(5000);

    // Graceful stop: the agent says goodbye; offline at once.
    let t = Date.now();
    await beta.stop();
    const stopped = await events.when(beta.machineId!, 'offline', t);
    expect(stopped.machine.offlineReason).toBe('agent-stopped');
    expect(stopped.at - t).toBeLessThan(1000);
    const report = [`all online after ${slowest} ms`, `goodbye seen after ${stopped.at - t} ms`];

    // kill -9 behind a link that goes silent (a power cut): the server only notices missing pongs.
    t = Date.now();
    relay.silence();
    await gamma.kill();
    const timedOut = await events.when(gamma.machineId!, 'offline', t);
    expect(timedOut.machine.offlineReason).toBe('network-timeout');
    expect(timedOut.at - t).toBeLessThanOrEqual(2 * PING_MS);
    // Not at once either: the server waits 1.75 intervals from the last pong, and that pong came at
    // most an interval and a sweep tick (a tenth) before the link went silent.
    expect(timedOut.at - t).toBeGreaterThanOrEqual(1.75 * PING_MS - PING_MS - PING_MS / 10);
    report.push(`silent link declared dead after ${timedOut.at - t} ms (ping ${PING_MS} ms)`);

    // kill -9 on the same host: the kernel closes the socket, so the server knows at once.
    t = Date.now();
    await alpha.kill();
    const lost = await events.when(alpha.machineId!, 'offline', t);
    expect(lost.machine.offlineReason).toBe('connection-lost');
    expect(lost.at - t).toBeLessThan(1000);
    report.push(`kill -9 seen after ${lost.at - t} ms`);
    console.log(`presence (${backend}): ${report.join('; ')}`);
  });

  it('reconnects a restarted agent with its stored identity, without a token', async () => {
    const delta = agent('e2e-delta');
    const id = await waitFor('delta enrolled', () => delta.machineId ?? undefined);
    await waitFor('delta online', async () => (await api.machine(id)).status === 'online');
    await delta.stop();
    const again = new AgentProcess({ server: server.url, stateDir: delta.stateDir, hostname: 'e2e-delta' });
    agents.push(again);
    again.start();
    const t = Date.now();
    await waitFor('delta back online', async () => {
      const m = await api.machine(id);
      return m.status === 'online' && m.statusSince >= t - 50;
    });
    expect((await api.machines('?q=e2e-delta')).items.map((m) => m.id)).toEqual([id]);
    expect(again.output()).not.toMatch(/enrolled/);
  });

  it('brings every agent back after a server restart, with reconnects spread by jitter', async () => {
    const fleet = Array.from({ length: 8 }, (_, i) => agent(`e2e-fleet-${i}`));
    const ids = await waitFor('fleet enrolled', () => (fleet.every((a) => a.machineId) ? fleet.map((a) => a.machineId!) : undefined));
    await waitFor('fleet online', async () => (await api.machines('?q=e2e-fleet&status=online')).items.length === 8);
    const restartedAt = Date.now();
    await server.restart();
    api = server.api();
    await api.login('admin', 'Test-Password-2026!');
    const back = await waitFor(
      'fleet back online',
      async () => {
        const list = await api.machines('?q=e2e-fleet&status=online');
        return list.items.length === 8 ? list.items : undefined;
      },
      20_000,
      100,
    );
    const times = back
      .filter((m) => ids.includes(m.id))
      .map((m) => m.statusSince - restartedAt)
      .sort((a, b) => a - b);
    console.log(`reconnect times after restart (ms): ${times.join(', ')}`);
    expect(times).toHaveLength(8);
    // The stopping server told each agent it was a restart (close code 1012), then exited.
    for (const a of fleet) expect(a.output()).toMatch(/"msg":"disconnected","code":1012/);
    // Full jitter: the reconnects are spread over the backoff window, not bunched together.
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(500);
    const gaps = times.slice(1).map((v, i) => v - times[i]!);
    expect(gaps.filter((g) => g < 20).length).toBeLessThan(6);
  });
});
