import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from './context.js';
import { run } from './program.js';
import { CLI_VERSION } from './version.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pons-cli-program-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process with captured output and no saved session. */
async function pons(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => write(chunk.toString('utf8')));
    return stream as unknown as NodeJS.WriteStream;
  };
  const io: Io = {
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: { PONS_CLI_CONFIG: path.join(dir, 'credentials.json') },
    now: () => Date.now(),
  };
  const code = await run(['node', 'pons', ...args], io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

describe('pons (without a server)', () => {
  it('prints its version', async () => {
    expect(await pons('--version')).toMatchObject({ code: 0, stdout: `${CLI_VERSION}\n` });
  });

  it('documents the exit codes in --help', async () => {
    const { code, stdout } = await pons('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toContain('7  server unreachable or not trusted');
  });

  it('answers a usage error with exit code 2 and a pons: message', async () => {
    expect(await pons('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("pons: unknown command 'frobnicate'") as unknown,
    });
    const bad = await pons('machines', 'list', '--limit', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('It must be a whole number of 1 or more.');
    const expires = await pons('enroll-token', 'create', '--expires', 'tomorrow');
    expect(expires.code).toBe(2);
    expect(expires.stderr).toContain('such as 30m, 12h, 7d');
  });

  it('refuses a plain-http server address', async () => {
    const { code, stderr } = await pons('login', '--server', 'http://pons.example.org', '--password-stdin');
    expect(code).toBe(2);
    expect(stderr).toContain('the Pons API is served over TLS only');
  });

  it('says how to log in when there is no session', async () => {
    const { code, stderr } = await pons('machines', 'list');
    expect(code).toBe(3);
    expect(stderr).toMatch(/^pons: not logged in\nhint: run "pons login --server/);
  });
});

describe('pons administration commands (without a server)', () => {
  it('checks their options before asking anything', async () => {
    const permission = await pons('tokens', 'create', 'ci', '--permission', 'inventory=write');
    expect(permission.code).toBe(2);
    expect(permission.stderr).toContain('The level must be ro (read-only) or rw (read-write).');
    const role = await pons('users', 'create', 'alice');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("required option '--role <entity=profile>' not specified");
    expect((await pons('users', 'create', 'alice', '--role', 'Paris')).stderr).toContain('It must be ENTITY=PROFILE');
    expect((await pons('audit', '--outcome', 'maybe')).code).toBe(2);
    expect((await pons('audit', 'export', '--format', 'xml')).code).toBe(2);
    expect((await pons('machines', 'move', 'web-01')).stderr).toContain("required option '--entity <entity>' not specified");
  });

  it('refuses --token-stdin with a password or a user name', async () => {
    const run = await pons('login', '--server', 'https://pons.example.org', '--token-stdin', '--password-stdin');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--token-stdin' cannot be used with option '--password-stdin'");
  });

  it('refuses --limit on an export, which holds every matching line', async () => {
    const run = await pons('audit', 'export', '--format', 'csv', '--limit', '5');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--limit, --before and --json are for "pons audit"');
  });

  it('says how to log in when there is no session', async () => {
    for (const args of [['users', 'list'], ['tokens', 'list'], ['audit'], ['entities', 'delete', 'Paris']]) {
      expect((await pons(...args)).code).toBe(3);
    }
  });
});
