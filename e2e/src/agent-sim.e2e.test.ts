import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, ServerProcess, waitFor, type ApiClient } from '@pons/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The agent simulator (tools/agent-sim) as a separate process against a real server: its agents
// must look like real agents to the server, and leave as real agents do.

const AGENTS = 50;
const SIM = path.join(ROOT, 'tools/agent-sim/dist/main.js');

interface SimFigures {
  event: 'connected' | 'final';
  runId: string;
  connected: number;
  everConnected: number;
  connects: number;
  disconnects: number;
  dropped: number;
  enrolled: number;
  failedAgents: number;
  failures: Record<string, number>;
}

/** Runs the simulator; `reports` collects its JSON lines, `output` everything for failure messages. */
function startSim(args: string[]): { child: ChildProcess; reports: SimFigures[]; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [SIM, ...args, '--report-interval', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const reports: SimFigures[] = [];
  let output = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) reports.push(JSON.parse(line) as SimFigures);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, reports, output: () => output, exited };
}

async function onlineCount(api: ApiClient): Promise<number> {
  return (await api.machines('?status=online&limit=1')).counts.online;
}

describe('agent simulator against a real server', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let token: string;
  let stateDir: string;
  const sims: ChildProcess[] = [];

  beforeAll(async () => {
    server = await new ServerProcess().start();
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
    token = (await api.createToken({ maxUses: AGENTS, expiresInMs: 600_000 })).token;
    stateDir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-sim-'));
  });

  afterAll(async () => {
    for (const child of sims) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await server?.dispose();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const simArgs = (extra: string[]) => [
    '--server',
    server.url,
    '--ca-fingerprint',
    server.caFingerprint,
    '--agents',
    String(AGENTS),
    '--concurrency',
    '20',
    '--state',
    path.join(stateDir, 'sim.json'),
    ...extra,
  ];

  it('enrols 50 agents that show online, and all go offline when the simulator stops', async () => {
    const sim = startSim(simArgs(['--token', token, '--inventory-on-connect']));
    sims.push(sim.child);
    const ready = await waitFor(
      'the simulator to report its agents connected',
      () => sim.reports.find((r) => r.event === 'connected'),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${sim.output()}`);
    });
    expect(ready).toMatchObject({ everConnected: AGENTS, connected: AGENTS, enrolled: AGENTS, failedAgents: 0, failures: {} });
    await waitFor('all simulated agents online in the API', async () => (await onlineCount(api)) === AGENTS, 30_000);

    const list = await api.machines('?limit=200');
    expect(list.total).toBe(AGENTS);
    const hostnames = list.items.map((m) => m.hostname).sort();
    expect(new Set(hostnames).size).toBe(AGENTS);
    expect(hostnames.every((h) => h.startsWith(`sim-${ready.runId}-`))).toBe(true);
    expect(list.items.every((m) => m.agentVersion === '0.1.0-sim' && m.platform === 'linux' && m.macAddresses.length === 1)).toBe(true);
    // The small inventory sent at first connect was accepted and stored.
    const one = list.items[0]!;
    await waitFor('the inventory of one agent to be stored', async () => (await api.machine(one.id)).vendor === 'Pons', 15_000);

    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(sim.reports.at(-1)).toMatchObject({ event: 'final', connected: 0 });
    await waitFor('every simulated agent offline', async () => (await onlineCount(api)) === 0, 15_000);
    const after = await api.machines('?limit=200');
    expect(after.items.every((m) => m.status === 'offline' && m.offlineReason === 'agent-stopped')).toBe(true);
  });

  it('says hello from the state file without enrolling again, and a killed simulator leaves no agent online', async () => {
    const sim = startSim(simArgs([]));
    sims.push(sim.child);
    const ready = await waitFor(
      'the simulator to reconnect its agents',
      () => sim.reports.find((r) => r.event === 'connected'),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${sim.output()}`);
    });
    expect(ready).toMatchObject({ everConnected: AGENTS, enrolled: 0, failedAgents: 0 });
    await waitFor('all simulated agents online again', async () => (await onlineCount(api)) === AGENTS, 30_000);
    expect((await api.machines('?limit=1')).total).toBe(AGENTS);

    sim.child.kill('SIGKILL');
    await sim.exited;
    await waitFor('every simulated agent offline after the kill', async () => (await onlineCount(api)) === 0, 15_000);
    const after = await api.machines('?limit=200');
    expect(after.items.every((m) => m.offlineReason !== 'agent-stopped')).toBe(true);
  });

  it('with --reconnect, brings every agent back after a server restart', async () => {
    const sim = startSim(simArgs(['--reconnect', '--reconnect-base', '100ms', '--reconnect-max', '2s']));
    sims.push(sim.child);
    await waitFor('the simulator to connect its agents', () => sim.reports.find((r) => r.event === 'connected'), 60_000);
    await waitFor('all simulated agents online', async () => (await onlineCount(api)) === AGENTS, 30_000);

    await server.restart();
    await waitFor('all simulated agents back online after the restart', async () => (await onlineCount(api)) === AGENTS, 60_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${sim.output()}`);
      },
    );

    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(sim.reports.at(-1)).toMatchObject({
      event: 'final',
      everConnected: AGENTS,
      connects: 2 * AGENTS,
      disconnects: 2 * AGENTS,
      dropped: AGENTS,
      failedAgents: 0,
    });
  });

  it('exits non-zero and says why when agents cannot enrol', async () => {
    // The token's 50 uses are spent; three new agents are refused (fewer than the ban threshold).
    const sim = startSim(['--server', server.url, '--ca-fingerprint', server.caFingerprint, '--agents', '3', '--token', token]);
    sims.push(sim.child);
    expect(await sim.exited).toBe(1);
    expect(sim.reports.at(-1)).toMatchObject({
      event: 'final',
      everConnected: 0,
      failedAgents: 3,
      failures: { PONS_E_TOKEN_EXHAUSTED: 3 },
    });
    expect(sim.output()).toMatch(/gives up: .*used/);
  });
});
