import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentDetail } from '@pons/protocol';
import { AgentProcess, ServerProcess, waitFor, type ApiClient } from '@pons/test-kit';
import { audit, deploy, settled, sha256, submitPackage } from './deploy-kit.js';

const AGENTS = 20;
/** A step that copies the package directory next to the agent's state, where the test can see it. */
const INSTALL =
  'mkdir -p "$PONS_PACKAGE_DIR/../../../installed" && cp -r "@@@PACKAGE_DIRECTORY_ABS_MACHINE@@@"/. "$PONS_PACKAGE_DIR/../../../installed/" && echo installed';

describe('deployments to real agents', () => {
  const server = new ServerProcess({ env: { PONS_DEPLOY_TICK: '200ms' } });
  const agents: AgentProcess[] = [];
  let api: ApiClient;

  beforeAll(async () => {
    await server.start();
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
    const { token } = await api.createToken({ maxUses: AGENTS + 5 });
    for (let i = 0; i < AGENTS; i++) {
      agents.push(
        new AgentProcess({
          server: server.url,
          token,
          caFingerprint: server.caFingerprint,
          hostname: `deploy-${String(i).padStart(2, '0')}`,
          args: ['--reconnect-base', '250ms', '--reconnect-max', '2s'],
        }).start(),
      );
    }
    await waitFor(
      'every agent online',
      async () => (await api.machines('?status=online&limit=1000')).total === AGENTS || undefined,
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.dispose()));
    await server.dispose();
  });

  it('sends a package with two files and a script to twenty agents: all succeed, the files match their hashes', async () => {
    const files = { 'app.bin': randomBytes(256 * 1024), 'conf/app.ini': Buffer.from('[app]\nmode=test\n') };
    const version = await submitPackage(api, 'Two files', files, [{ action: 'run', shell: 'sh', command: INSTALL }]);
    const created = await deploy(api, { package: 'Two files', targets: { all: true } });
    expect(created).toMatchObject({ total: AGENTS, packageName: 'Two files', version: version.version });
    const done = await settled(api, created.id);
    expect(done.targets.map((t) => t.state)).toEqual(Array.from({ length: AGENTS }, () => 'success'));
    expect(done.counts).toEqual({ success: AGENTS });
    for (const agent of agents) {
      const installed = path.join(agent.stateDir, 'installed');
      expect(sha256(readFileSync(path.join(installed, 'app.bin')))).toBe(sha256(files['app.bin']));
      expect(sha256(readFileSync(path.join(installed, 'conf/app.ini')))).toBe(sha256(files['conf/app.ini']));
    }
    const lines = await audit(api, created.id, `?machine=${agents[0]!.machineId}`);
    const states = lines.filter((l) => l.kind === 'state').map((l) => l.state);
    expect(states).toEqual(expect.arrayContaining(['scheduled', 'starting', 'transferring', 'running', 'success']));
    expect(states.at(-1)).toBe('success');
    expect(lines.some((l) => l.kind === 'output' && l.text.includes('installed'))).toBe(true);
  });

  it('ends a failing script in "step failed" with its exit code and last output', async () => {
    await submitPackage(api, 'Failing', {}, [{ action: 'run', shell: 'sh', command: 'echo preparing; echo "disk full" >&2; exit 7' }]);
    const created = await deploy(api, { package: 'Failing', targets: { machines: [agents[0]!.machineId!] } });
    const [target] = (await settled(api, created.id)).targets;
    expect(target).toMatchObject({
      state: 'step-failed',
      label: 'ABORT PACKAGE EXECUTION ERROR',
      exitCode: 7,
      step: 1,
      message: 'Step 1 ended with exit code 7.',
    });
    expect(target!.lastLines).toEqual(expect.arrayContaining(['preparing', 'disk full']));
  });

  it('takes the branch the return code names', async () => {
    await submitPackage(api, 'Branching', {}, [
      {
        action: 'run',
        shell: 'sh',
        command: 'exit 3',
        branches: [
          { when: '==3', goto: 'fallback' },
          { when: '!=3', goto: 'END_ERROR' },
        ],
      },
      { action: 'run', shell: 'sh', command: 'echo wrong path' },
      { label: 'fallback', action: 'run', shell: 'sh', command: 'echo "fallback after @@@PREC_RETURNCODE@@@"' },
    ]);
    const created = await deploy(api, { package: 'Branching', targets: { machines: [agents[1]!.machineId!] } });
    expect((await settled(api, created.id)).targets[0]?.state).toBe('success');
    const output = (await audit(api, created.id)).filter((l) => l.kind === 'output').map((l) => l.text);
    expect(output).toContain('fallback after 3');
    expect(output.join('\n')).not.toContain('wrong path');
  });

  it('refuses a file corrupted on the server with "hash invalid", and runs nothing', async () => {
    const payload = randomBytes(64 * 1024);
    await submitPackage(api, 'Corrupt', { 'payload.bin': payload }, [
      { action: 'run', shell: 'sh', command: 'touch "$PONS_PACKAGE_DIR/../../../ran-corrupt"' },
    ]);
    const hash = sha256(payload);
    const blob = path.join(server.dataDir, 'files', 'sha256', hash.slice(0, 2), hash);
    const damaged = Buffer.from(payload);
    damaged[1000] = damaged[1000]! ^ 0xff;
    writeFileSync(blob, damaged);
    const agent = agents[2]!;
    const created = await deploy(api, { package: 'Corrupt', targets: { machines: [agent.machineId!] } });
    const [target] = (await settled(api, created.id)).targets;
    expect(target).toMatchObject({ state: 'hash-invalid', label: 'ABORT HASH INVALID' });
    expect(target!.message).toContain(`expected ${hash}; nothing was run`);
    expect(existsSync(path.join(agent.stateDir, 'ran-corrupt'))).toBe(false);
  });

  it('keeps to its maximum of machines at once', async () => {
    await submitPackage(api, 'One second', {}, [{ action: 'run', shell: 'sh', command: 'sleep 1' }]);
    const started = Date.now();
    const created = await deploy(api, { package: 'One second', targets: { all: true }, maxConcurrent: 4 });
    let most = 0;
    const done = await waitFor(
      'every machine done',
      async () => {
        const detail = await api.call<DeploymentDetail>('GET', `/api/v1/deployments/${created.id}`);
        most = Math.max(most, detail.targets.filter((t) => ['starting', 'transferring', 'running'].includes(t.state)).length);
        return detail.targets.every((t) => t.final) ? detail : undefined;
      },
      60_000,
      50,
    );
    expect(done.counts).toEqual({ success: AGENTS });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    // Twenty one-second steps, four at a time: five rounds at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
  });
});
