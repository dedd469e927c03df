import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedEnrollmentToken, EnrollmentToken, MachineDetail, MachineList } from '@pons/protocol';
import { AgentProcess, ServerProcess, waitFor } from '@pons/test-kit';
import { runCli, type Run } from './run-cli.js';

const NEW_PASSWORD = 'Cli-E2e-Password-2026!';
const HOSTNAME = 'cli-e2e-01';

describe('the pons CLI against a real server and agent', () => {
  let server: ServerProcess;
  let agent: AgentProcess | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-cli-'));
  const config = path.join(dir, 'pons', 'credentials.json');
  /** Every output of every command, checked at the end for secrets. */
  const outputs: string[] = [];
  const secrets = new Set<string>();

  async function pons(args: string[], options: { input?: string; config?: string } = {}): Promise<Run> {
    const run = await runCli(args, { config: options.config ?? config, ...(options.input !== undefined ? { input: options.input } : {}) });
    outputs.push(run.stdout, run.stderr);
    return run;
  }

  const savedToken = (): string => (JSON.parse(readFileSync(config, 'utf8')) as { token: string }).token;
  const mode = (file: string): number => statSync(file).mode & 0o777;

  beforeAll(async () => {
    server = await new ServerProcess().start();
    secrets.add(server.bootstrapPassword).add(NEW_PASSWORD);
  });

  afterAll(async () => {
    await agent?.dispose();
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a server whose CA does not match the fingerprint, and saves nothing', async () => {
    const wrong = `sha256:${'ab'.repeat(32)}`;
    const run = await pons(['login', '--server', server.url, '--ca-fingerprint', wrong, '--username', 'admin', '--password-stdin'], {
      input: `${server.bootstrapPassword}\n`,
    });
    expect(run.code).toBe(7);
    expect(run.stderr).toContain(`pons: refusing 127.0.0.1:${server.port}`);
    expect(run.stderr).toContain(wrong);
    expect(run.stderr).not.toContain('    at '); // no stack trace
    expect(existsSync(config)).toBe(false);
  });

  it('refuses to trust a server without a fingerprint when nobody can confirm it', async () => {
    const run = await pons(['login', '--server', server.url, '--password-stdin'], { input: `${server.bootstrapPassword}\n` });
    expect(run.code).toBe(7);
    expect(run.stderr).toContain(server.caFingerprint);
    expect(run.stderr).toContain('--ca-fingerprint');
    expect(existsSync(config)).toBe(false);
  });

  it('logs in with the bootstrap password, keeps the session privately and says the password must change', async () => {
    const run = await pons(
      ['login', '--server', server.url, '--ca-fingerprint', server.caFingerprint, '--username', 'admin', '--password-stdin'],
      {
        input: `${server.bootstrapPassword}\n`,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Logged in to ${server.url} as admin.`);
    expect(run.stderr).toContain('admin must choose a new password');
    expect(run.stderr).toContain('pons password');
    expect(mode(config)).toBe(0o600);
    expect(mode(path.dirname(config))).toBe(0o700);
    secrets.add(savedToken());

    const blocked = await pons(['machines', 'list']);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toContain('PONS_E_PASSWORD_CHANGE_REQUIRED');
    expect(blocked.stderr).toContain('hint: run "pons password"');
  });

  it('changes the password from stdin, then logs in again with the saved server and pin', async () => {
    const changed = await pons(['password', '--password-stdin'], { input: `${server.bootstrapPassword}\n${NEW_PASSWORD}\n` });
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('Password changed for admin');

    const previous = savedToken();
    const again = await pons(['login', '--password-stdin'], { input: `${NEW_PASSWORD}\n` });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(mode(config)).toBe(0o600);
    secrets.add(savedToken());
    // The session the new login replaces is ended, not left valid in old copies of the file.
    const api = server.api();
    api.token = previous;
    await expect(api.machines()).rejects.toMatchObject({ status: 401 });
  });

  it('answers a wrong password with exit code 3 and keeps the saved session', async () => {
    const before = savedToken();
    const run = await pons(['login', '--server', server.url, '--ca-fingerprint', server.caFingerprint, '--password-stdin'], {
      input: 'Not-The-Password-1!\n',
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('pons: The user name or the password is wrong. (PONS_E_INVALID_CREDENTIALS)');
    expect(savedToken()).toBe(before);
  });

  it('creates an enrollment token an agent enrols with, and lists the machine online', async () => {
    expect((await pons(['enroll-token', 'create', '--expires', '30s'])).code).toBe(2);
    const created = await pons(['enroll-token', 'create', '--expires', '1h', '--max-uses', '2', '--json']);
    expect(created.code).toBe(0);
    const token = JSON.parse(created.stdout) as CreatedEnrollmentToken;
    expect(token).toMatchObject({ maxUses: 2, uses: 0, state: 'active' });
    expect(token.agentCommand).toContain(token.token);
    expect(token.expiresAt - token.createdAt).toBe(3_600_000);

    agent = new AgentProcess({ server: server.url, token: token.token, caFingerprint: server.caFingerprint, hostname: HOSTNAME }).start();
    const online = await waitFor(
      'the agent to be listed online by the CLI',
      async () => {
        const run = await pons(['machines', 'list', '--status', 'online', '--json']);
        return (JSON.parse(run.stdout) as MachineList).items.find((m) => m.hostname === HOSTNAME);
      },
      20_000,
      250,
    );
    expect(online.id).toBe(agent.machineId);

    const table = await pons(['machines', 'list']);
    expect(table.code).toBe(0);
    const row = table.stdout.split('\n').find((line) => line.includes(HOSTNAME));
    expect(row).toMatch(new RegExp(`^${online.id}\\s+${HOSTNAME}\\s+online\\s`));
    expect(table.stdout).toContain('1 machine (1 online, 0 offline)');

    const tokens = await pons(['enroll-token', 'list', '--json']);
    expect((JSON.parse(tokens.stdout) as { items: EnrollmentToken[] }).items.find((t) => t.id === token.id)).toMatchObject({
      uses: 1,
      maxUses: 2,
    });
    const revoked = await pons(['enroll-token', 'revoke', token.id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked enrollment token ${token.id}`);
  });

  it('shows one machine by hostname, and says clearly when there is none', async () => {
    const shown = await pons(['machines', 'show', HOSTNAME]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^Hostname\\s+${HOSTNAME}$`, 'm'));
    expect(shown.stdout).toMatch(/^Status\s+online since /m);

    const json = await pons(['machines', 'show', HOSTNAME, '--json']);
    expect((JSON.parse(json.stdout) as MachineDetail).id).toBe(agent?.machineId);

    const missing = await pons(['machines', 'show', 'nope']);
    expect(missing.code).toBe(4);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('pons: No machine "nope" is visible to you. (PONS_E_MACHINE_NOT_FOUND)\n');
  });

  it('shows the inventory the agent sent', async () => {
    const inventory = await waitFor('the first inventory', async () => {
      const run = await pons(['machines', 'inventory', HOSTNAME]);
      return run.code === 0 ? run : undefined;
    });
    expect(inventory.stdout).toContain(`Machine    ${HOSTNAME}`);
    expect(inventory.stdout).toMatch(/^Software\n/m);
  });

  it('logs out: the session ends on the server and the file is gone', async () => {
    const token = savedToken();
    const run = await pons(['logout']);
    expect(run.code).toBe(0);
    expect(existsSync(config)).toBe(false);
    const api = server.api();
    api.token = token;
    await expect(api.machines()).rejects.toMatchObject({ status: 401 });
    expect((await pons(['machines', 'list'])).code).toBe(3);
  });

  it('answers with exit code 8 once too many failed logins got the address banned', async () => {
    const attempt = () =>
      pons(['login', '--server', server.url, '--ca-fingerprint', server.caFingerprint, '--password-stdin'], {
        input: 'Still-Wrong-Password-1!\n',
      });
    const banned = await waitFor(
      'the address to be banned',
      async () => {
        const run = await attempt();
        return run.code === 8 ? run : undefined;
      },
      20_000,
      0,
    );
    expect(banned.stderr).toContain('(PONS_E_BANNED)');
    expect(banned.stderr).toContain('hint: the ban ends at');
  });

  it('never prints a session token or a password', () => {
    expect(secrets.size).toBe(4);
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
