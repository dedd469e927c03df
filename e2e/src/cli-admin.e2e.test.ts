import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken, AuditLogPage, UserSummary } from '@pons/protocol';
import { authenticatorCode, ServerProcess } from '@pons/test-kit';
import { runCli, type Run } from './run-cli.js';

const ADMIN_PASSWORD = 'Cli-Operator-Secret-2026!';
const ALICE_FIRST = 'First-Login-Secret-2026!';
const ALICE_PASSWORD = 'Own-Choice-Secret-2026!';

describe('the pons CLI administering users, entities, API tokens and the audit log', () => {
  let server: ServerProcess;
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-cli-admin-'));
  const admin = path.join(dir, 'admin.json');
  const script = path.join(dir, 'script.json');
  const alice = path.join(dir, 'alice.json');
  const outputs: string[] = [];
  const secrets = new Set<string>();
  let apiToken = '';
  let tokenShown = '';

  async function pons(args: string[], options: { input?: string; config?: string } = {}): Promise<Run> {
    const run = await runCli(args, { config: options.config ?? admin, ...(options.input !== undefined ? { input: options.input } : {}) });
    outputs.push(run.stdout, run.stderr);
    return run;
  }
  const saved = (config: string) => (JSON.parse(readFileSync(config, 'utf8')) as { token: string }).token;
  const pin = () => ['--server', server.url, '--ca-fingerprint', server.caFingerprint];

  beforeAll(async () => {
    // Revoked tokens and wrong codes count as failed logins: the address must not get banned here.
    server = await new ServerProcess({ env: { PONS_BAN_MAX_FAILURES: '100' } }).start();
    secrets.add(server.bootstrapPassword).add(ADMIN_PASSWORD).add(ALICE_FIRST).add(ALICE_PASSWORD);
  });

  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in as admin and replaces the bootstrap password', async () => {
    const login = await pons(['login', ...pin(), '--username', 'admin', '--password-stdin'], { input: `${server.bootstrapPassword}\n` });
    expect(login.code).toBe(0);
    const changed = await pons(['password', '--password-stdin'], { input: `${server.bootstrapPassword}\n${ADMIN_PASSWORD}\n` });
    expect(changed.code).toBe(0);
    secrets.add(saved(admin));
  });

  it('creates, renames and deletes entities', async () => {
    const created = await pons(['entities', 'create', 'Paris']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created entity Paris \(\S+\)\.\n$/);
    expect((await pons(['entities', 'create', 'Paris'])).code).toBe(6);
    expect((await pons(['entities', 'create', 'Lab', '--parent', 'Paris'])).stdout).toContain('under Paris');
    expect((await pons(['entities', 'rename', 'Lab', 'R&D'])).stdout).toMatch(/^Renamed entity Lab to R&D \(/);
    expect((await pons(['entities', 'delete', 'R&D'])).stdout).toBe('Deleted entity R&D.\n');
    const list = await pons(['entities', 'list']);
    expect(list.stdout).toMatch(/^\S+\s+Paris\s+\S+$/m);
    expect(list.stdout).not.toContain('R&D');
    expect((await pons(['machines', 'move', 'no-such-host', '--entity', 'Paris'])).code).toBe(4);
  });

  it('creates a user with a role, lists, disables and enables it', async () => {
    const create = (name: string) =>
      pons(['users', 'create', name, '--role', 'Paris=Technician', '--password-stdin'], { input: `${ALICE_FIRST}\n` });
    const created = await create('alice');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created user alice \(\S+\): Technician on Paris\.\n/);
    expect((await create('alice')).code).toBe(6);
    const table = await pons(['users', 'list']);
    expect(table.stdout).toMatch(/^USERNAME\s+NAME\s+SOURCE\s+STATE\s+2FA\s+ROLES\s+LAST LOGIN$/m);
    expect(table.stdout).toMatch(/^alice\s+-\s+local\s+active\s+off\s+Technician on Paris\s+never$/m);
    const json = JSON.parse((await pons(['users', 'list', '--json'])).stdout) as { items: UserSummary[] };
    expect(json.items.map((u) => u.username).sort()).toEqual(['admin', 'alice']);
    expect((await pons(['users', 'disable', 'alice'])).stdout).toContain('Disabled user alice');
    expect((await pons(['users', 'enable', 'alice', '--json'])).stdout).toContain('"disabled": false');
    expect((await create('bob')).code).toBe(0);
    expect((await pons(['users', 'delete', 'bob'])).code).toBe(2); // no terminal to confirm, no --yes
    expect(await pons(['users', 'delete', 'bob', '--yes'])).toMatchObject({ code: 0, stdout: 'Deleted user bob.\n' });
  });

  it('creates an API token narrowed to inventory read-only, shown once', async () => {
    const created = await runCli(['tokens', 'create', 'nightly', '--expires', '30d', '--permission', 'inventory=ro'], { config: admin });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('it will not be shown again');
    expect(created.stdout).toMatch(/^ {2}Rights\s+inventory=ro$/m);
    apiToken = /^ {2}Token\s+(pons_pat_\S+)$/m.exec(created.stdout)?.[1] ?? '';
    expect(apiToken).not.toBe('');
    secrets.add(apiToken);
    tokenShown = created.stdout;
    outputs.push(created.stderr);
    const list = await pons(['tokens', 'list']);
    expect(list.stdout).toMatch(/\snightly\s+pons_pat_\S{6}…\s+active\s+inventory=ro\s/);
    expect(list.stdout).toContain('1 token (1 active)');
  });

  it('logs a script in with the token: it reads machines but may not create a group', async () => {
    const login = await pons(['login', ...pin(), '--token-stdin'], { input: `${apiToken}\n`, config: script });
    expect(login).toMatchObject({ code: 0, stdout: `Logged in to ${server.url} as admin with an API token.\n` });
    expect(saved(script)).toBe(apiToken);
    const machines = await pons(['machines', 'list'], { config: script });
    expect(machines).toMatchObject({ code: 0, stdout: '0 machines (0 online, 0 offline)\n' });
    expect((await pons(['whoami'], { config: script })).stdout).toMatch(/^API token ends\s+\d{4}-/m);
    const group = await pons(['groups', 'create', 'nightly-targets'], { config: script });
    expect(group.code).toBe(5);
    expect(group.stderr).toContain('PONS_E_FORBIDDEN');
  });

  it('never logs an API token out when another login replaces it, and ends a replaced session', async () => {
    expect((await pons(['login', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n`, config: script })).code).toBe(0);
    const session = saved(script);
    secrets.add(session);
    const api = server.api();
    api.token = apiToken;
    await expect(api.machines()).resolves.toMatchObject({ total: 0 });
    expect((await pons(['login', '--token-stdin'], { input: `${apiToken}\n`, config: script })).code).toBe(0);
    api.token = session;
    await expect(api.machines()).rejects.toMatchObject({ status: 401 });
  });

  it('revokes the token: the script is refused with the auth exit code', async () => {
    const { items } = JSON.parse((await pons(['tokens', 'list', '--json'])).stdout) as { items: ApiToken[] };
    const id = items.find((t) => t.name === 'nightly')?.id ?? '';
    expect(await pons(['tokens', 'revoke', id])).toMatchObject({ code: 0, stdout: `Revoked API token ${id}.\n` });
    const refused = await pons(['machines', 'list'], { config: script });
    expect(refused.code).toBe(3);
    const again = await pons(['login', ...pin(), '--token-stdin'], { input: `${apiToken}\n`, config: path.join(dir, 'other.json') });
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('the server refused this API token');
    expect((await pons(['logout'], { config: script })).stdout).toContain('Forgot the API token');
  });

  it('logs in with a second factor: the code is the second line of stdin', async () => {
    const api = server.api();
    await api.login('alice', ALICE_FIRST);
    await api.call('POST', '/api/v1/auth/password', { currentPassword: ALICE_FIRST, newPassword: ALICE_PASSWORD });
    const { secret } = await api.call<{ secret: string }>('POST', '/api/v1/auth/totp/enrol');
    const { recoveryCodes } = await api.call<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/totp/confirm', {
      code: authenticatorCode(secret, Date.now()),
    });
    secrets.add(secret).add(api.token ?? '');
    for (const code of recoveryCodes) secrets.add(code);
    const login = (input: string) => pons(['login', ...pin(), '--username', 'alice', '--password-stdin'], { input, config: alice });
    const missing = await login(`${ALICE_PASSWORD}\n`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected its code as the second line of stdin');
    const valid = [-30_000, 0, 30_000, 60_000].map((delta) => authenticatorCode(secret, Date.now() + delta));
    const wrong = await login(`${ALICE_PASSWORD}\n${['111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? ''}\n`);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('(PONS_E_SECOND_FACTOR_INVALID)\nhint: run "pons login" again');
    expect(existsSync(alice)).toBe(false);
    const ok = await login(`${ALICE_PASSWORD}\n${authenticatorCode(secret, Date.now() + 30_000)}\n`);
    expect(ok).toMatchObject({ code: 0, stdout: `Logged in to ${server.url} as alice.\n` });
    secrets.add(saved(alice));
    expect((await pons(['machines', 'list'], { config: alice })).code).toBe(0);
    const recovery = await login(`${ALICE_PASSWORD}\n${recoveryCodes[0] ?? ''}\n`);
    expect(recovery.code).toBe(0);
    secrets.add(saved(alice));
  });

  it('shows the user creation in the audit log, and exports it', async () => {
    const table = await pons(['audit', '--action', 'user.']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^TIME\s+ACTOR\s+ADDRESS\s+ACTION\s+OBJECT\s+OUTCOME$/m);
    expect(table.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+admin\s+\S+\s+user\.create\s+user alice\s+success$/m);
    const page = JSON.parse((await pons(['audit', '--action', 'user.create', '--outcome', 'failure', '--json'])).stdout) as AuditLogPage;
    expect(page.items.map((e) => [e.action, e.errorCode])).toEqual([['user.create', 'PONS_E_USER_EXISTS']]);
    const csv = await pons(['audit', 'export', '--format', 'csv', '--since', '1h']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('time,actor,address,action,')).toBe(true);
    expect(csv.stdout).toContain(',user.create,');
    const file = path.join(dir, 'audit.json');
    expect((await pons(['audit', 'export', '--format', 'json', '--action', 'api-token.', '-o', file])).stdout).toMatch(/^Wrote /);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Array<{ action: string }>).map((e) => e.action).sort()).toEqual([
      'api-token.create',
      'api-token.revoke',
    ]);
  });

  it('never prints a password, a session token or a TOTP secret, and the API token only once', () => {
    for (const output of outputs) for (const secret of secrets) if (secret) expect(output).not.toContain(secret);
    expect(tokenShown.split(apiToken).length).toBe(2);
  });
});
