import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryDocument, Validator } from '@pons/protocol';
import { fusionToDocument } from './fusion-document.js';
import { parseFusionRequest } from './fusion-xml.js';

const AGENT = '/usr/bin/fusioninventory-agent';
const validator = new Validator(InventoryDocument);
const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;

/**
 * The real FusionInventory agent (Debian's fusioninventory-agent) writes this machine's inventory
 * to a file; its XML becomes a Pons inventory document with the same software, networks and BIOS.
 */
describe.runIf(existsSync(AGENT))("the FusionInventory agent's XML as a Pons inventory document", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-fusion-'));
  let xml = '';

  beforeAll(() => {
    execFileSync(AGENT, ['--local', dir, '--tag', 'lyon-office', '--no-category', 'printer,process,environment'], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    xml = readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8');
  }, 150_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every software, network address, disk and the identity the agent sent', () => {
    const request = parseFusionRequest(xml);
    expect(request.query).toBe('INVENTORY');
    const { document, identity } = fusionToDocument(request.content!, 1_700_000_000_000);
    const valid = validator.validate(document);
    expect(valid.ok ? 'valid' : valid.message).toBe('valid');
    // Debian's package list, as the agent read it (about a thousand entries on a workstation).
    expect(document.software).toHaveLength(count(xml, 'SOFTWARES'));
    expect(document.software!.length).toBeGreaterThan(100);
    const dpkg = document.software!.find((s) => s.name === 'dpkg');
    expect(dpkg).toMatchObject({ source: 'deb', version: expect.stringMatching(/^\d/) as string });
    expect(document.system.hostname).toBe(/<NAME>([^<]+)<\/NAME>/.exec(xml.slice(xml.indexOf('<HARDWARE>')))?.[1]);
    expect(document.system.platform).toBe('linux');
    const addresses = document.network!.flatMap((n) => n.ipv4.map((a) => a.address));
    expect(addresses.length).toBe(count(xml, 'IPADDRESS'));
    const withMask = document.network!.flatMap((n) => n.ipv4).find((a) => a.address !== '127.0.0.1');
    expect(withMask?.netmask).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(document.disks).toHaveLength(count(xml, 'STORAGES'));
    expect(document.memory!.totalBytes).toBeGreaterThan(0);
    expect(identity).toMatchObject({ hostname: document.system.hostname, tag: 'lyon-office' });
    expect(identity.macs.every((m) => /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m))).toBe(true);
  });

  it('refuses a truncated or malformed submission with the reason', () => {
    expect(() => parseFusionRequest(xml.slice(0, Math.floor(xml.length / 2)))).toThrow(/not well-formed XML/);
    expect(() => parseFusionRequest('<?xml version="1.0"?><OTHER/>')).toThrow('The inventory has no <REQUEST> element.');
    expect(() => parseFusionRequest('<REQUEST><DEVICEID>x</DEVICEID></REQUEST>')).toThrow('The request says no <QUERY>');
  });

  it('reads a PROLOG, the first thing the agent sends', () => {
    expect(
      parseFusionRequest('<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>pc-2026</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>'),
    ).toEqual({
      query: 'PROLOG',
      deviceId: 'pc-2026',
      content: null,
    });
  });
});
