import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, waitFor } from '@pons/test-kit';

/** What `npm start` runs: `pons server --local-agent` on the embedded defaults. */
describe('first start on embedded defaults', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await new ServerProcess({ env: { PONS_LOCAL_AGENT: 'true' } }).start();
  });
  afterAll(() => server?.dispose());

  it('prints the console URL, the CA fingerprint and a one-time admin password', () => {
    const out = server.output();
    expect(out).toContain(`Console         ${server.url}`);
    expect(out).toMatch(/CA fingerprint\s+sha256:[0-9a-f]{64}/);
    expect(out).toContain(`Admin password  ${server.bootstrapPassword}  (one-time`);
    expect(out).toContain('Database        SQLite');
    for (const file of ['pons.sqlite', 'pki/ca.pem', 'pki/ca.key', 'pki/server.pem', 'pki/command.key'])
      expect(existsSync(path.join(server.dataDir, file))).toBe(true);
  });

  it('enrols and runs an agent for this machine, so the console is not empty', async () => {
    const api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
    const machine = await waitFor('the local agent online', async () => (await api.machines('?status=online')).items[0], 20_000);
    expect(machine.platform).toBe('linux');
    expect(existsSync(path.join(server.dataDir, 'local-agent/agent.json'))).toBe(true);
    // Its one-use token is made by the server and listed like any other, already used up.
    const tokens = (await api.call<{ items: Array<Record<string, unknown>> }>('GET', '/api/v1/enrollment-tokens')).items;
    expect(tokens).toEqual([
      expect.objectContaining({ label: 'local agent', createdBy: 'system', uses: 1, maxUses: 1, state: 'exhausted' }),
    ]);
  });

  it('forgets the bootstrap password file once the admin has chosen a new password', () => {
    expect(existsSync(path.join(server.dataDir, 'bootstrap-password.txt'))).toBe(false);
  });

  it('keeps its CA across restarts and brings the local agent back without a new token', async () => {
    const fingerprint = server.caFingerprint;
    await server.restart();
    expect(server.caFingerprint).toBe(fingerprint);
    expect(server.output()).not.toContain('Admin password');
    const api = server.api();
    await api.login('admin', 'Test-Password-2026!');
    await waitFor('the local agent back online', async () => (await api.machines('?status=online')).total === 1, 20_000);
    expect((await api.machines()).total).toBe(1);
  });

  it('never writes a password or a token it handled to its output', async () => {
    const api = server.api();
    await api.login('admin', 'Test-Password-2026!');
    const { token } = await api.createToken();
    await api.login('admin', 'Wrong-Password-123!').catch(() => undefined);
    const out = server.output();
    expect(out).not.toContain('Test-Password-2026!');
    expect(out).not.toContain('Wrong-Password-123!');
    expect(out).not.toContain(token);
    expect(out).not.toContain(api.token ?? 'no session token');
  });
});
