import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProperties, pickActive } from './active-display.js';
import { askConsent } from './consent.js';
import { listDirectory, prepareRead, prepareWrite } from './files.js';
import { parseRemoteConfig, type RemoteConfig } from './remote-config.js';
import { connectTcp, freePort } from './tcp.js';
import { openVnc } from './vnc.js';

const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const config = (over: Partial<RemoteConfig> = {}): RemoteConfig => ({
  ...parseRemoteConfig({}, {}, (m) => {
    throw new Error(m);
  }),
  consentCommand: null,
  ...over,
});

describe('what a tunnel reaches, and what people are told when it cannot', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-agent-targets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads Medulla-like settings: VNC on port 5900 by default, off, RDP refused', () => {
    const fail = (m: string): never => {
      throw new Error(m);
    };
    expect(parseRemoteConfig({}, {}, fail)).toMatchObject({ vnc: 'on', vncPort: 5900, rdp: true });
    expect(parseRemoteConfig({ vnc: 'off', 'no-rdp': true }, {}, fail)).toMatchObject({ vnc: 'off', rdp: false });
    expect(parseRemoteConfig({}, { PONS_AGENT_VNC: 'x11vnc', PONS_AGENT_VNC_PORT: '5901' }, fail)).toMatchObject({
      vnc: 'x11vnc',
      vncPort: 5901,
    });
    expect(() => parseRemoteConfig({ vnc: 'maybe' }, {}, fail)).toThrow('--vnc must be on, x11vnc or off');
    expect(() => parseRemoteConfig({ 'vnc-port': '99999' }, {}, fail)).toThrow('--vnc-port must be a port number');
  });

  it('names the port nothing listens on, and says when VNC is disabled', async () => {
    const port = await freePort();
    await expect(openVnc(config({ vncPort: port }), log)).rejects.toMatchObject({
      code: 'PONS_E_TUNNEL_TARGET',
      message: `Nothing listens on 127.0.0.1:${port} (the VNC server of this agent's configuration, --vnc-port) on this machine: connection refused.`,
    });
    await expect(openVnc(config({ vnc: 'off' }), log)).rejects.toMatchObject({ code: 'PONS_E_REMOTE_DISABLED' });
  });

  it('reaches a listening port and hands over the VNC password of the configuration', async () => {
    const server = createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    writeFileSync(path.join(dir, 'vnc.pass'), 'secret12\n');
    const vnc = await openVnc(config({ vncPort: port, vncPasswordFile: path.join(dir, 'vnc.pass') }), log);
    expect(vnc.password).toBe('secret12');
    vnc.socket.destroy();
    (await connectTcp('127.0.0.1', port, 'a test port')).destroy();
    server.close();
  });

  it('asks the user with the consent command: yes opens, no refuses, no way to ask refuses', async () => {
    await expect(askConsent(config({ consentCommand: ['true'] }), 'alice', 'vnc', 5000)).resolves.toBeUndefined();
    await expect(askConsent(config({ consentCommand: ['false'] }), 'alice', 'vnc', 5000)).rejects.toMatchObject({
      code: 'PONS_E_CONSENT_REFUSED',
      message: 'The user logged in on the machine refused the session.',
    });
    await expect(askConsent(config(), 'alice', 'terminal', 5000)).rejects.toMatchObject({ code: 'PONS_E_CONSENT_REFUSED' });
    await expect(askConsent(config({ consentCommand: ['sh', '-c', 'sleep 5'] }), 'alice', 'vnc', 200)).rejects.toMatchObject({
      message: 'The user did not answer within 0.2 s; the session was not opened.',
    });
  });

  it('lists a directory (directories first), and refuses what cannot be read or would be overwritten', async () => {
    writeFileSync(path.join(dir, 'b.txt'), 'hello');
    rmSync(path.join(dir, 'sub'), { recursive: true, force: true });
    mkdtempSync(path.join(dir, 'sub'));
    const listing = await listDirectory(dir);
    expect(listing.entries?.[0]?.type).toBe('directory');
    expect(listing.entries).toContainEqual(expect.objectContaining({ name: 'b.txt', type: 'file', size: 5 }));
    await expect(listDirectory(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'PONS_E_FILE_NOT_FOUND' });
    await expect(listDirectory('relative/path')).rejects.toMatchObject({ code: 'PONS_E_VALIDATION' });
    expect((await prepareRead(path.join(dir, 'b.txt'))).ready).toEqual({ type: 'ready', size: 5, name: 'b.txt' });
    await expect(prepareRead(dir)).rejects.toMatchObject({ code: 'PONS_E_FILE_ACCESS' });
    await expect(prepareWrite(path.join(dir, 'b.txt'), false)).rejects.toMatchObject({ code: 'PONS_E_FILE_EXISTS' });
    await expect(prepareWrite(path.join(dir, 'b.txt'), true)).resolves.toBe(path.join(dir, 'b.txt'));
    await expect(prepareWrite(path.join(dir, 'missing', 'x'), false)).rejects.toMatchObject({ code: 'PONS_E_FILE_NOT_FOUND' });
  });
});

describe('the active display, from systemd-logind', () => {
  it('reads show-session output and picks the active X11 session', () => {
    const props = parseProperties('Id=4\nName=alice\nType=x11\nActive=yes\nDisplay=:1\n');
    expect(props).toEqual({ Id: '4', Name: 'alice', Type: 'x11', Active: 'yes', Display: ':1' });
    const idle = { Id: '2', Name: 'bob', Type: 'x11', Active: 'no', Display: ':0' };
    const tty = { Id: '3', Name: 'root', Type: 'tty', Active: 'yes', Display: '' };
    expect(pickActive([idle, tty, props])).toEqual({ id: '4', user: 'alice', type: 'x11', display: ':1' });
    expect(pickActive([idle, tty])).toBeNull();
    expect(pickActive([{ Id: '5', Name: 'carol', Type: 'wayland', Active: 'yes', Display: '' }])?.type).toBe('wayland');
  });
});
