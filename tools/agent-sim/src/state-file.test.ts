import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicKeyOf, rawPublicKey } from '@pons/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, loadState, saveState, StateFileError, type SimState } from './state-file.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agent-sim-state-'));
  dirs.push(dir);
  return path.join(dir, 'state.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('state file', () => {
  it('keeps machine ids and keys across runs, readable by the owner only', () => {
    const file = tempFile();
    const pair = generateKeyPairSync('ed25519');
    const state: SimState = {
      version: 1,
      serverUrl: 'https://127.0.0.1:1',
      runId: 'abc',
      commandKey: 'key',
      agents: [{ index: 3, machineId: 'm-3', key: encodeKey(pair.privateKey) }],
    };
    saveState(file, state);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const loaded = loadState(file)!;
    expect(loaded).toEqual(state);
    expect(publicKeyOf(decodeKey(loaded.agents[0]!.key))).toBe(rawPublicKey(pair.publicKey));
  });

  it('is absent before the first run', () => {
    expect(loadState(tempFile())).toBeNull();
  });

  it('refuses a file that is not ours', () => {
    const file = tempFile();
    writeFileSync(file, '{"version":2}');
    expect(() => loadState(file)).toThrow(StateFileError);
    writeFileSync(file, 'not json');
    expect(() => loadState(file)).toThrow(/cannot read/);
  });
});
