import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePki, ensureTicketKeys, leafNeedsRenewal, TICKET_LIFETIME_S } from './pki.js';

describe('server certificate', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pons-pki-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its certificate across starts when every name, IPv6 included, is already in it', async () => {
    const dataDir = fresh();
    const names = ['localhost', '127.0.0.1', '::1', 'pons.example.org'];
    const first = await ensurePki(dataDir, names);
    expect(leafNeedsRenewal(path.join(dataDir, 'pki'), names)).toBe(false);
    const again = await ensurePki(dataDir, names);
    expect(again.certChainPem).toBe(first.certChainPem);
    expect(again.keyPem).toBe(first.keyPem);
  });

  it('issues a new certificate from the same CA when a name is missing', async () => {
    const dataDir = fresh();
    const first = await ensurePki(dataDir, ['localhost', '127.0.0.1']);
    expect(leafNeedsRenewal(path.join(dataDir, 'pki'), ['localhost', 'fd00::7'])).toBe(true);
    expect(leafNeedsRenewal(path.join(dataDir, 'pki'), ['localhost', 'other.example.org'])).toBe(true);
    const second = await ensurePki(dataDir, ['localhost', '127.0.0.1', 'fd00::7']);
    expect(second.caFingerprint).toBe(first.caFingerprint);
    expect(second.keyPem).not.toBe(first.keyPem);
    expect(leafNeedsRenewal(path.join(dataDir, 'pki'), ['localhost', '127.0.0.1', 'fd00::7'])).toBe(false);
  });
});

describe('session-ticket key', () => {
  it('is kept across starts, private, and replaced once it is a ticket lifetime old', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pons-tickets-'));
    try {
      const first = ensureTicketKeys(dir);
      expect(first).toHaveLength(48);
      expect(statSync(path.join(dir, 'tls-tickets.key')).mode & 0o077).toBe(0);
      expect(ensureTicketKeys(dir).equals(first)).toBe(true);
      const later = Date.now() + TICKET_LIFETIME_S * 1000 + 1000;
      const replaced = ensureTicketKeys(dir, later);
      expect(replaced.equals(first)).toBe(false);
      expect(ensureTicketKeys(dir).equals(replaced)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
