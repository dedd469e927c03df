import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { CommandSummary, CommandTargetResult, LiveEvent, MachineSummary } from '@pons/protocol';
import { AgentProcess, createTestDatabase, NATS_URL, scaleOutAvailable, ServerProcess, waitFor, type ApiClient } from '@pons/test-kit';
import { launchChromium, waitForText } from './console-helpers.js';
import { collect, connectTunnel, openTunnel } from './remote-kit.js';

const PASSWORD = 'Test-Password-2026!';

/** Two server processes on one PostgreSQL database, joined by NATS, with real agents. */
describe.runIf(scaleOutAvailable())('two server nodes on PostgreSQL and NATS', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let apiA: ApiClient;
  let apiB: ApiClient;
  let drop: () => Promise<void>;
  let token: string;
  const agents: AgentProcess[] = [];

  const node = (name: string, databaseUrl: string, pkiFrom?: string) =>
    new ServerProcess({
      databaseUrl,
      ...(pkiFrom ? { pkiFrom } : {}),
      env: {
        PONS_NATS_URL: NATS_URL,
        PONS_NODE_NAME: name,
        PONS_NODE_HEARTBEAT: '500ms',
        PONS_NODE_DEAD_AFTER: '2s',
        PONS_PING_INTERVAL: '1s',
      },
    });

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    a = await node('node-a', database.url).start();
    b = await node('node-b', database.url, a.dataDir).start();
    expect(b.caFingerprint).toBe(a.caFingerprint);
    apiA = a.api();
    await apiA.loginAsNewAdmin(a.bootstrapPassword, PASSWORD);
    apiB = b.api();
    await apiB.login('admin', PASSWORD);
    token = (await apiB.createToken({ maxUses: 20 })).token;
  });

  afterAll(async () => {
    for (const agent of agents) await agent.dispose();
    await a?.dispose();
    await b?.dispose();
    await drop?.();
  });

  const agent = (hostname: string, servers: ServerProcess[]) => {
    const process = new AgentProcess({
      server: servers.map((s) => s.url).join(','),
      token,
      caFingerprint: a.caFingerprint,
      hostname,
      args: ['--reconnect-base', '200ms', '--reconnect-max', '2s'],
    });
    agents.push(process);
    return process.start();
  };
  const machine = async (api: ApiClient, id: string) => api.machine(id);
  const onlineVia = (api: ApiClient, process: AgentProcess) =>
    waitFor(
      `${process.machineId ?? 'agent'} online`,
      async () => process.machineId !== null && (await machine(api, process.machineId)).status === 'online',
      20_000,
    );

  it('opens a terminal from node B on a machine whose agent is connected to node A', async () => {
    const onA = agent('shell-via-a', [a]);
    await waitFor('enrolled', () => onA.machineId ?? undefined);
    await onlineVia(apiB, onA);
    // The agent brings its end of the tunnel to node B, which opened it (ADR 12).
    const opened = await openTunnel(apiB, onA.machineId!, { kind: 'terminal' });
    const ws = await connectTunnel(b.url, b.caPem, opened.socketPath);
    const shown = collect(ws, (text) => text.replace('echo node-$((40+2))', '').includes('node-42'));
    ws.send(Buffer.from('echo node-$((40+2))\r'), { binary: true });
    expect(await shown).toContain('node-42');
    ws.close();
  });

  it('delivers a command issued on node B to an agent connected to node A, and brings the answer back', async () => {
    const onA = agent('held-by-a', [a]);
    await waitFor('enrolled', () => onA.machineId ?? undefined);
    await onlineVia(apiB, onA);
    const result = await apiB.call<CommandTargetResult>('POST', `/api/v1/machines/${onA.machineId}/commands`, {
      name: 'echo',
      args: { payload: 'across nodes' },
      waitMs: 10_000,
    });
    expect(result).toMatchObject({ status: 'succeeded', output: { payload: 'across nodes' }, error: null });
  });

  it('shows the same live changes whichever node the console talks to', async () => {
    const onA = agents[0]!;
    const seenOnB: MachineSummary[] = [];
    const stream = await apiB.events((event: LiveEvent) => event.type === 'machine.changed' && seenOnB.push(event.machine));
    // The console itself, in Chromium, served by node B, about an agent held by node A.
    const browser = await launchChromium();
    onTestFinished(() => browser.close());
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await page.goto(b.url);
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const status = page.getByTestId(`machine-status-${onA.machineId}`);
    await waitForText('online in the console on B', status, (text) => text.includes('online'));
    await onA.stop();
    const offline = await waitFor('offline seen through B', () => seenOnB.find((m) => m.id === onA.machineId && m.status === 'offline'));
    expect(offline.offlineReason).toBe('agent-stopped');
    await waitForText(
      'offline in the console on B, without a reload',
      status,
      (text) => text.includes('offline') && text.includes('agent stopped'),
    );
    stream.close();
    const [viaA, viaB] = await Promise.all([machine(apiA, onA.machineId!), machine(apiB, onA.machineId!)]);
    expect(viaA).toEqual(viaB);
  });

  it('fails agents over when a node dies, and loses no command', async () => {
    const movers = ['mover-1', 'mover-2', 'mover-3', 'mover-4'].map((h) => agent(h, [a, b]));
    const stranded = agent('stranded', [a]);
    const frozen = agent('frozen', [a]);
    for (const p of [...movers, stranded, frozen]) await onlineVia(apiB, p);

    // A command sent by node A to an agent that cannot answer, then node A dies: it fails with a cause.
    frozen.freeze();
    const inFlight = await apiB.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: {},
      targets: { machines: [frozen.machineId] },
    });
    await waitFor('sent by A', async () => (await apiB.call<CommandSummary>('GET', `/api/v1/commands/${inFlight.id}`)).counts.sent === 1);
    await a.kill();

    // Agents that know node B move there; the one that knows only A is shown lost.
    for (const mover of movers) await onlineVia(apiB, mover);
    const lost = await waitFor('stranded shown lost', async () => {
      const m = await machine(apiB, stranded.machineId!);
      return m.status === 'offline' ? m : undefined;
    });
    expect(lost.offlineReason).toBe('server-node-lost');
    const failed = await waitFor('in-flight command failed', async () => {
      const r = await apiB.call<{ items: CommandTargetResult[] }>('GET', `/api/v1/commands/${inFlight.id}/results`);
      return r.items[0]?.status === 'failed' ? r.items[0] : undefined;
    });
    expect(failed.error).toEqual({
      code: 'PONS_E_COMMAND_LOST',
      message: 'The server node holding the connection was lost before the agent answered.',
    });

    // A command for the stranded machine waits, and is delivered once when node A is back.
    const waiting = await apiB.call<CommandSummary>('POST', '/api/v1/commands', {
      name: 'echo',
      args: { payload: 'later' },
      targets: { machines: [stranded.machineId] },
    });
    expect(waiting.counts.queued).toBe(1);
    await a.start();
    await onlineVia(apiB, stranded);
    const delivered = await waitFor('delivered after the node came back', async () => {
      const r = await apiB.call<{ items: CommandTargetResult[] }>('GET', `/api/v1/commands/${waiting.id}/results`);
      return r.items[0]?.status === 'succeeded' ? r.items[0] : undefined;
    });
    expect(delivered.output).toEqual({ payload: 'later' });
    frozen.thaw();
  });
});
