import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageVersion } from '@pons/protocol';
import { AgentProcess, ServerProcess, waitFor } from '@pons/test-kit';
import { sha256 } from './deploy-kit.js';
import { runCli } from './run-cli.js';

const PASSWORD = 'Cli-Deploy-Password-2026!';

describe('packages and deployments from the pons CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-cli-deploy-'));
  const config = path.join(dir, 'credentials.json');
  const pons = (...args: string[]) => runCli(args, { config, cwd: dir });
  const server = new ServerProcess({ env: { PONS_DEPLOY_TICK: '200ms' } });
  let agent: AgentProcess;
  const tool = Buffer.from('#!/bin/sh\necho "tool v1 says hello"\n');

  beforeAll(async () => {
    await server.start();
    const api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword, PASSWORD);
    const { token } = await api.createToken();
    agent = new AgentProcess({
      server: server.url,
      token,
      caFingerprint: server.caFingerprint,
      hostname: 'cli-target-01',
      // Quick actions must not restart the machine running the tests: they leave a mark instead.
      args: ['--reboot-command', `touch ${path.join(dir, 'rebooted')}`, '--shutdown-command', `touch ${path.join(dir, 'halted')}`],
    }).start();
    await waitFor('the agent online', async () => (await api.machines('?status=online')).total === 1 || undefined);
    const login = await runCli(
      ['login', '--server', server.url, '--ca-fingerprint', server.caFingerprint, '--username', 'admin', '--password-stdin'],
      {
        config,
        input: `${PASSWORD}\n`,
      },
    );
    expect(login.code).toBe(0);
    writeFileSync(path.join(dir, 'tool.sh'), tool);
    writeFileSync(
      path.join(dir, 'steps.json'),
      JSON.stringify({
        linux: [
          { action: 'run', shell: 'sh', command: 'sh "$PONS_PACKAGE_DIR/bin/tool.sh"', branches: [{ when: '!=0', goto: 'END_ERROR' }] },
        ],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await agent?.dispose();
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, fills, submits and shows a package', async () => {
    const created = await pons(
      'package',
      'create',
      'Tool',
      '1.0',
      '--os',
      'linux',
      '--steps',
      'steps.json',
      '--description',
      'A small tool',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('version 1.0 pending');
    const uploaded = await pons('package', 'upload', 'Tool', 'tool.sh', '--as', 'bin/tool.sh');
    expect(uploaded.code).toBe(0);
    expect(uploaded.stdout).toContain(`bin/tool.sh  ${tool.length} B  sha256:${sha256(tool)}`);
    const submitted = await pons('package', 'submit', 'Tool');
    expect(submitted.stdout).toMatch(
      new RegExp(`^Submitted version 1\\.0 \\(revision 1\\), 1 file, ${tool.length} B; digest [0-9a-f]{64}\\.$`, 'm'),
    );
    const shown = await pons('package', 'show', 'Tool');
    expect(shown.stdout).toContain('1. run sh: sh "$PONS_PACKAGE_DIR/bin/tool.sh"  {!=0 → END_ERROR}');
    const listed = await pons('package', 'list');
    expect(listed.stdout).toMatch(/Tool\s+1\.0 \(r1\)\s+-\s+linux/);
  });

  it('refuses a steps file that is not a sequence, with the field at fault (exit 2)', async () => {
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ linux: [{ action: 'run', shell: 'fish', command: 'x' }] }));
    const run = await pons('package', 'edit', 'Tool', '--steps', 'bad.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.json is not a valid steps file');
  });

  it('deploys and watches the deployment to its end, with the output of the step', async () => {
    const run = await pons('deploy', 'create', 'Tool', '--machines', 'cli-target-01', '--watch');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cli-target-01 | tool v1 says hello');
    expect(run.stdout).toMatch(/cli-target-01\s+1\s+DEPLOYMENT SUCCESS/);
    const list = await pons('deploy', 'list');
    expect(list.stdout).toMatch(/Tool 1\.0\s+finished\s+1\s+success 1/);
  });

  it('deploys to a static group made with the CLI', async () => {
    const group = await pons('groups', 'create', 'Web', '--machines', 'cli-target-01');
    expect(group.stdout).toContain('Web (');
    expect(group.stdout).toMatch(/cli-target-01\s+online/);
    const run = await pons('deploy', 'create', 'Tool', '--group', 'Web', '--watch');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/cli-target-01\s+1\s+DEPLOYMENT SUCCESS/);
  });

  it('exports a version to one archive holding its digest, and refuses to import it twice', async () => {
    const exported = await pons('package', 'export', 'Tool', '--output', 'tool.pons.tar');
    expect(exported.code).toBe(0);
    const archive = readFileSync(path.join(dir, 'tool.pons.tar'));
    const again = await pons('package', 'import', 'tool.pons.tar');
    expect(again.code).toBe(6);
    expect(again.stderr).toContain('already has a submitted version 1.0');
    const version = JSON.parse((await pons('package', 'show', 'Tool', '--revision', '1', '--json')).stdout) as PackageVersion;
    expect(archive.includes(Buffer.from(version.digest!))).toBe(true);
  });

  it('runs quick actions with their output: a command, a delayed restart, a shutdown, and lists them', async () => {
    const ran = await pons('machines', 'run', 'cli-target-01', '--', 'echo', 'hello from $(hostname -s)');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^hello from \S+$/m);
    const failed = await pons('machines', 'run', 'cli-target-01', '--', 'echo oops >&2; exit 3');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('! oops');
    expect(failed.stderr).toContain('the command ended with exit code 3');

    const asked = Date.now();
    const reboot = await pons('machines', 'reboot', 'cli-target-01', '--delay', '1s', '--message', 'Updates are ready');
    expect(reboot.stdout).toContain('cli-target-01 will restart in 1 s.');
    await waitFor('the restart command', () => existsSync(path.join(dir, 'rebooted')) || undefined);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(1000);
    await pons('machines', 'shutdown', 'cli-target-01', '--delay', '0s');
    await waitFor('the shutdown command', () => existsSync(path.join(dir, 'halted')) || undefined);

    const history = await pons('machines', 'history', 'cli-target-01', '--json');
    const items = (JSON.parse(history.stdout) as { items: Array<{ name: string; createdBy: string; args: unknown }> }).items;
    expect(items.map((c) => c.name)).toEqual(expect.arrayContaining(['shell.run', 'machine.reboot', 'machine.shutdown']));
    expect(items.every((c) => c.createdBy === 'admin')).toBe(true);
    // The deployment's job is in the history, without its arguments (they carry a download token).
    expect(items.find((c) => c.name === 'deploy.start')?.args).toBeNull();
  });

  it('refuses a deploy.start sent through the commands API: only deployments send it', async () => {
    const api = server.api();
    await api.login('admin', PASSWORD);
    const machine = (await api.machines()).items[0]!;
    await expect(api.call('POST', `/api/v1/machines/${machine.id}/commands`, { name: 'deploy.start', args: {} })).rejects.toMatchObject({
      status: 403,
      code: 'PONS_E_FORBIDDEN',
    });
  });
});
