import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadTokens } from './download-tokens.js';

const dir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'pons-dl-'));
  mkdirSync(path.join(d, 'pki'));
  return d;
};

describe('download tokens', () => {
  const dataDir = dir();
  const tokens = DownloadTokens.open(dataDir);
  const grant = { machineId: 'm1', deploymentId: 'd1', expiresAt: 10_000 };

  it('carries its grant until it expires', () => {
    const token = tokens.issue(grant);
    expect(tokens.verify(token, 9_999)).toEqual(grant);
    expect(tokens.verify(token, 10_000)).toBeNull();
  });

  it('is refused once any part is changed, or under another key', () => {
    const token = tokens.issue(grant);
    expect(tokens.verify(token.replace('m1.', 'm2.'), 0)).toBeNull();
    expect(tokens.verify(token.replace('.10000.', '.99999.'), 0)).toBeNull();
    expect(tokens.verify(`${token}x`, 0)).toBeNull();
    expect(tokens.verify('m1.d1.10000', 0)).toBeNull();
    expect(DownloadTokens.open(dir()).verify(token, 0)).toBeNull();
  });

  it('keeps its key across restarts', () => {
    expect(DownloadTokens.open(dataDir).verify(tokens.issue(grant), 0)).toEqual(grant);
  });
});
