import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess, ServerProcess, waitFor, type ApiClient } from '@pons/test-kit';
import { audit, deploy, settled, sha256, storedZip, submitPackage, targetWhen } from './deploy-kit.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('deployments through restarts, windows, stops and lost agents', () => {
  const wol = createSocket('udp4');
  const magic: Array<{ at: number; mac: string }> = [];
  let server: ServerProcess;
  const agents: AgentProcess[] = [];
  let api: ApiClient;
  let token: string;

  const agent = (hostname: string, stateDir?: string, extraArgs: string[] = []) => {
    const process = new AgentProcess({
      server: server.url,
      ...(stateDir ? { stateDir } : { token, caFingerprint: server.caFingerprint }),
      hostname,
      args: ['--reconnect-base', '250ms', '--reconnect-max', '1s', ...extraArgs],
    });
    agents.push(process);
    return process.start();
  };
  const online = async (a: AgentProcess) => {
    const id = await waitFor('machine id', () => a.machineId ?? undefined);
    await waitFor(`${id} online`, async () => (await api.machine(id)).status === 'online' || undefined);
    return id;
  };

  beforeAll(async () => {
    wol.on('message', (m) => magic.push({ at: Date.now(), mac: m.subarray(6, 12).toString('hex') }));
    // On every address: the packets come from an online neighbour to the subnet's broadcast
    // address, or from the server (to 127.0.0.1 when the machine's subnets are unknown).
    await new Promise<void>((resolve) => wol.bind(0, '0.0.0.0', () => resolve()));
    server = new ServerProcess({
      env: {
        PONS_DEPLOY_TICK: '200ms',
        PONS_DEPLOY_WOL_INTERVAL: '1s',
        PONS_DEPLOY_CONVERGE_EVERY: '1s',
        PONS_DEPLOY_LOST_GRACE: '5s',
        PONS_WOL_ADDRESSES: '127.0.0.1',
        PONS_WOL_PORT: String(wol.address().port),
      },
    });
    await server.start();
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
    token = (await api.createToken({ maxUses: 20 })).token;
  }, 60_000);

  afterAll(async () => {
    wol.close();
    await Promise.all(agents.map((a) => a.dispose()));
    await server.dispose();
  });

  it('resumes a transfer with a range request after the server was killed in the middle', async () => {
    const big = randomBytes(24 * 1024 * 1024);
    await submitPackage(api, 'Big', { 'big.bin': big }, [
      { action: 'run', shell: 'sh', command: 'sha256sum "$PONS_PACKAGE_DIR/big.bin" > "$PONS_PACKAGE_DIR/../../../big.sha256"' },
    ]);
    const a = agent('resume-1');
    const id = await online(a);
    const created = await deploy(api, { package: 'Big', targets: { machines: [id] }, maxBytesPerSecond: 3 * 1024 * 1024 });
    await targetWhen(api, created.id, id, (s) => s === 'transferring', 30_000);
    await waitFor('a third downloaded', async () => {
      const target = (await api.call<{ targets: Array<{ percent: number | null }> }>('GET', `/api/v1/deployments/${created.id}`))
        .targets[0];
      return (target?.percent ?? 0) >= 20 || undefined;
    });
    await server.kill();
    await server.start();
    await api.login('admin', 'Test-Password-2026!');
    const [target] = (await settled(api, created.id, 90_000)).targets;
    expect(target?.state).toBe('success');
    expect(readFileSync(path.join(a.stateDir, 'big.sha256'), 'utf8')).toContain(sha256(big));
    const resumed = (await audit(api, created.id)).find((l) => l.text.startsWith('Resuming big.bin from byte'));
    expect(resumed?.text).toMatch(/^Resuming big\.bin from byte [1-9]\d+ \(range request\)\.$/);
  }, 120_000);

  it('waits for an offline machine, waking it three times a minute apart (here a second), and runs when it comes back', async () => {
    await submitPackage(api, 'Later', {}, [{ action: 'run', shell: 'sh', command: 'echo ran after the wait' }]);
    const a = agent('offline-1');
    const id = await online(a);
    const macs = (await api.machine(id)).macAddresses.map((m) => m.replaceAll(':', ''));
    await a.stop();
    await waitFor('offline', async () => (await api.machine(id)).status === 'offline' || undefined);
    const since = Date.now();
    const created = await deploy(api, { package: 'Later', targets: { machines: [id] }, wakeOnLan: true });
    await targetWhen(api, created.id, id, (s) => s === 'waiting-machine', 15_000);
    // Each wake is sent without holding up the scheduler: the last one may still be on its way.
    await waitFor('three wakes', () => magic.filter((m) => m.at >= since).length >= 3 * macs.length || undefined, 10_000);
    const packets = magic.filter((m) => m.at >= since);
    expect(packets.length).toBe(3 * macs.length);
    if (macs.length > 0) expect(new Set(packets.map((p) => p.mac))).toEqual(new Set(macs));
    const states = (await audit(api, created.id)).map((l) => l.state);
    expect(states.slice(0, 5)).toEqual(['scheduled', 'wol-1', 'wol-2', 'wol-3', 'waiting-machine']);
    agent('offline-1', a.stateDir);
    const [target] = (await settled(api, created.id, 30_000)).targets;
    expect(target?.state).toBe('success');
  }, 60_000);

  it('does not start outside its window, and ends "outside the window" when no window opens before the end', async () => {
    await submitPackage(api, 'Windowed', {}, [{ action: 'run', shell: 'sh', command: 'touch "$PONS_PACKAGE_DIR/../../../ran-windowed"' }]);
    const a = agent('window-1');
    const id = await online(a);
    const opens = new Date();
    opens.setHours(opens.getHours() + 2, 0, 0, 0);
    const windows = `${opens.getHours()}-${opens.getHours() + 1}`;
    const waitingOne = await deploy(api, { package: 'Windowed', targets: { machines: [id] }, windows });
    const waiting = await targetWhen(api, waitingOne.id, id, (s) => s === 'scheduled');
    await waitFor('the scheduler to look at it', async () => {
      const t = await targetWhen(api, waitingOne.id, id, () => true);
      return t.message === 'Outside the deployment window; waiting for the next one.' ? t : undefined;
    });
    expect((await targetWhen(api, waitingOne.id, id, () => true)).deadlineAt).toBe(opens.getTime());
    expect(waiting.state).toBe('scheduled');
    const endsFirst = await deploy(api, { package: 'Windowed', targets: { machines: [id] }, windows, endAt: Date.now() + 60_000 });
    const [target] = (await settled(api, endsFirst.id, 15_000)).targets;
    expect(target).toMatchObject({
      state: 'outside-window',
      label: 'ABORT OUTSIDE DEPLOYMENT WINDOW',
      message: 'No deployment window opens again before the deployment ends.',
    });
    expect(existsSync(path.join(a.stateDir, 'ran-windowed'))).toBe(false);
    await api.call('POST', `/api/v1/deployments/${waitingOne.id}/stop`, {});
  });

  it('stops a long step, killing every process it started, and a restart succeeds with the history kept', async () => {
    const script = [
      'state="$PONS_PACKAGE_DIR/../../.."',
      'test -f "$state/released" && exit 0',
      'echo $$ > "$state/step.pid"',
      'sleep 600 & echo $! > "$state/sleep.pid"',
      'wait',
    ].join('\n');
    await submitPackage(api, 'Long', {}, [{ action: 'run', shell: 'sh', command: script, timeoutS: 900 }]);
    const a = agent('stop-1');
    const id = await online(a);
    const created = await deploy(api, { package: 'Long', targets: { machines: [id] } });
    const pidFile = path.join(a.stateDir, 'sleep.pid');
    await waitFor('the step to run', () => existsSync(pidFile) || undefined);
    const pids = [Number(readFileSync(path.join(a.stateDir, 'step.pid'), 'utf8')), Number(readFileSync(pidFile, 'utf8'))];
    expect(pids.every(alive)).toBe(true);
    await api.call('POST', `/api/v1/deployments/${created.id}/stop`, {});
    const [stopped] = (await settled(api, created.id)).targets;
    expect(stopped).toMatchObject({ state: 'cancelled', label: 'ABORT DEPLOYMENT CANCELLED BY USER', message: 'Stopped by admin.' });
    await waitFor('the step and its child killed', () => pids.every((p) => !alive(p)) || undefined, 10_000);

    writeFileSync(path.join(a.stateDir, 'released'), '');
    await api.call('POST', `/api/v1/deployments/${created.id}/restart`, {});
    const [again] = (await settled(api, created.id)).targets;
    expect(again).toMatchObject({ state: 'success', attempt: 2 });
    const lines = await audit(api, created.id);
    expect(lines.filter((l) => l.attempt === 1).map((l) => l.state)).toContain('cancelled');
    expect(lines.filter((l) => l.attempt === 2).at(-1)?.state).toBe('success');
  });

  it('reports, on its return, a job whose agent was killed during a step', async () => {
    await submitPackage(api, 'Slow', {}, [{ action: 'run', shell: 'sh', command: 'echo started; sleep 20' }]);
    const a = agent('killed-1');
    const id = await online(a);
    const created = await deploy(api, { package: 'Slow', targets: { machines: [id] } });
    await waitFor('the step to start', async () => (await audit(api, created.id)).some((l) => l.text === 'started') || undefined);
    await a.kill();
    agent('killed-1', a.stateDir);
    const [target] = (await settled(api, created.id, 30_000)).targets;
    expect(target).toMatchObject({
      state: 'step-failed',
      step: 1,
      message: 'The agent stopped while step 1 was running; the step may have run in part.',
    });
  });

  it('keeps a package applied: a machine that joins later gets it, and one where the check says it is missing gets it again', async () => {
    const marks = mkdtempSync(path.join(tmpdir(), 'pons-kept-'));
    await submitPackage(api, 'Kept', {}, [{ action: 'run', shell: 'sh', command: `touch "${marks}/$PONS_MACHINE_ID"` }], {
      checks: { linux: { shell: 'sh', command: `test -f "${marks}/$PONS_MACHINE_ID"` } },
    });
    const first = await online(agent('kept-1'));
    const created = await deploy(api, { package: 'Kept', targets: { all: true }, converge: true });
    expect(created).toMatchObject({ converge: true });
    await targetWhen(api, created.id, first, (s) => s === 'success');
    expect(existsSync(path.join(marks, first))).toBe(true);

    const second = await online(agent('kept-2'));
    const joined = await targetWhen(api, created.id, second, (s) => s === 'success');
    expect(joined.attempt).toBe(1);
    expect(existsSync(path.join(marks, second))).toBe(true);

    rmSync(path.join(marks, first));
    const again = await targetWhen(api, created.id, first, (s) => s === 'success' && existsSync(path.join(marks, first)));
    expect(again.attempt).toBe(2);
    const lines = await audit(api, created.id, `?machine=${first}`);
    expect(lines.map((l) => l.text)).toContain(
      'DEPLOY TASK SCHEDULED: The package check found it missing (exit code 1); convergence deploys it again.',
    );
    const joinedLines = await audit(api, created.id, `?machine=${second}`);
    expect(joinedLines[0]?.text).toBe('DEPLOY TASK SCHEDULED: Joined the target set; convergence deploys to it.');
    await api.call('POST', `/api/v1/deployments/${created.id}/stop`, {});
    rmSync(marks, { recursive: true, force: true });
  });

  it('runs every kind of step, and goes on after a reboot step once the agent is back', async () => {
    const zip = storedZip({ 'data.txt': Buffer.from('unzipped data\n'), 'bin/tool.sh': Buffer.from('echo tool\n') });
    const trace = 'echo "$1" >> "$PONS_PACKAGE_DIR/../../../trace"';
    await submitPackage(api, 'Every step', { 'app.zip': zip }, [
      { action: 'setenv', name: 'GREETING', value: 'hello from @@@SESSION_ID@@@' },
      { action: 'unzip', file: 'app.zip', to: 'app' },
      { action: 'wait', seconds: 1 },
      { action: 'notify', title: 'Software', message: 'Installing the tool' },
      { action: 'run', shell: 'sh', command: `cat app/data.txt && sh app/bin/tool.sh && set -- "before $GREETING" && ${trace}` },
      { action: 'reboot', message: 'Restarting to finish' },
      { action: 'run', shell: 'sh', command: `set -- "after $GREETING" && ${trace}` },
    ]);
    // The "reboot" stops the agent, as a real restart would; the test then starts it again.
    const dir = mkdtempSync(path.join(tmpdir(), 'pons-reboot-'));
    const reboot = path.join(dir, 'reboot.sh');
    writeFileSync(reboot, '#!/bin/sh\nkill -TERM $PPID\n', { mode: 0o755 });
    const a = agent('every-step', undefined, ['--reboot-command', reboot]);
    const id = await online(a);
    const created = await deploy(api, { package: 'Every step', targets: { machines: [id] } });
    await a.exitCode();
    const waiting = await targetWhen(api, created.id, id, (s) => s === 'waiting-reboot');
    expect(waiting).toMatchObject({ label: 'WAITING REBOOT', step: 6 });
    agent('every-step', a.stateDir);
    const [target] = (await settled(api, created.id, 30_000)).targets;
    expect(target?.state).toBe('success');
    expect(readFileSync(path.join(a.stateDir, 'trace'), 'utf8')).toBe(`before hello from ${created.id}\nafter hello from ${created.id}\n`);
    const text = (await audit(api, created.id)).map((l) => l.text);
    expect(text).toEqual(
      expect.arrayContaining([
        'Extracted 2 files from app.zip.',
        'GREETING is set for the following steps.',
        'unzipped data\ntool',
        'The machine restarted; the job goes on.',
      ]),
    );
    expect(text.some((t) => t.includes('Installing the tool'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a step that runs past its time limit in "timeout", and a file gone from the server in "transfer failed"', async () => {
    const a = agent('limits-1');
    const id = await online(a);
    await submitPackage(api, 'Too slow', {}, [{ action: 'run', shell: 'sh', command: 'echo waiting; sleep 30', timeoutS: 1 }]);
    const slow = await deploy(api, { package: 'Too slow', targets: { machines: [id] } });
    const [timedOut] = (await settled(api, slow.id)).targets;
    expect(timedOut).toMatchObject({
      state: 'timeout',
      label: 'ABORT ON TIMEOUT',
      message: 'Step 1 ran longer than 1 s and was stopped.',
      lastLines: ['waiting'],
    });

    const gone = Buffer.from('soon gone');
    await submitPackage(api, 'Gone', { 'gone.bin': gone }, [{ action: 'success' }]);
    rmSync(path.join(server.dataDir, 'files', 'sha256', sha256(gone).slice(0, 2), sha256(gone)));
    const missing = await deploy(api, { package: 'Gone', targets: { machines: [id] } });
    const [failed] = (await settled(api, missing.id)).targets;
    expect(failed).toMatchObject({ state: 'transfer-failed', label: 'ABORT TRANSFER FAILED' });
    expect(failed?.message).toMatch(/^gone\.bin of Gone could not be downloaded: the server answered HTTP 404 for https:/);
  });

  it('ends a job whose machine went away and did not come back in "machine lost"', async () => {
    await submitPackage(api, 'Abandoned', {}, [{ action: 'run', shell: 'sh', command: 'echo started; sleep 20' }]);
    const a = agent('lost-1');
    const id = await online(a);
    const created = await deploy(api, { package: 'Abandoned', targets: { machines: [id] } });
    await waitFor('the step to start', async () => (await audit(api, created.id)).some((l) => l.text === 'started') || undefined);
    await a.kill();
    const [target] = (await settled(api, created.id, 20_000)).targets;
    expect(target).toMatchObject({
      state: 'machine-lost',
      label: 'ABORT MACHINE DISAPPEARED',
      message: 'The machine went offline during the deployment and did not come back within 5 s.',
    });
  });
});
