import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { CredentialsStore, credentialsPath, type Credentials } from './credentials.js';

const sample: Credentials = {
  server: 'https://127.0.0.1:8443',
  caPem: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n',
  caFingerprint: `sha256:${'0'.repeat(64)}`,
  token: 'secret-token',
  username: 'admin',
  expiresAt: 1_800_000_000_000,
};

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-cli-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('CredentialsStore', () => {
  it('creates a private directory and a file only its owner can read', () => {
    const file = path.join(tempDir(), 'new', 'pons', 'credentials.json');
    new CredentialsStore(file).save(sample);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
  });

  it('replaces a file that others could read with a private one', () => {
    const file = path.join(tempDir(), 'credentials.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    const store = new CredentialsStore(file);
    expect(store.isExposed()).toBe(true);
    store.save(sample);
    expect(mode(file)).toBe(0o600);
    expect(store.isExposed()).toBe(false);
  });

  it('reads back what it saved, and nothing when there is no file', () => {
    const store = new CredentialsStore(path.join(tempDir(), 'credentials.json'));
    expect(store.load()).toBeUndefined();
    store.save(sample);
    expect(store.load()).toEqual(sample);
    expect(store.remove()).toBe(true);
    expect(store.remove()).toBe(false);
  });

  it('refuses a damaged file with a not-logged-in error that says how to fix it', () => {
    const file = path.join(tempDir(), 'credentials.json');
    writeFileSync(file, JSON.stringify({ ...sample, caFingerprint: 'md5:1' }));
    const error = (() => {
      try {
        new CredentialsStore(file).load();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: 3, hint: 'run "pons login" again' });
    expect((error as Error).message).toContain('"caFingerprint"');
  });
});

describe('credentialsPath', () => {
  it('prefers $PONS_CLI_CONFIG, then $XDG_CONFIG_HOME, then ~/.config', () => {
    expect(credentialsPath({ PONS_CLI_CONFIG: '/tmp/c.json', XDG_CONFIG_HOME: '/x' })).toBe('/tmp/c.json');
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x' })).toBe(path.join('/x', 'pons', 'credentials.json'));
    expect(credentialsPath({})).toMatch(/\.config[/\\]pons[/\\]credentials\.json$/);
  });
});
