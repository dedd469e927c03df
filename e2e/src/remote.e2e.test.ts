import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileListResponse, WakeResponse } from '@pons/protocol';
import { AgentProcess, LAUNCHER, ServerProcess, TcpRelay, freePort, waitFor } from '@pons/test-kit';
import { collect, connectTunnel, echoServer, openTunnel, randomFile, streamed } from './remote-kit.js';
import { runCli } from './run-cli.js';

const PASSWORD = 'Remote-Password-2026!';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('tunnels through the agent: port forward, terminal, files, Wake-on-LAN', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-remote-'));
  const config = path.join(dir, 'credentials.json');
  // Control-channel pings every 4 s, so that the proxy below keeps the agent itself connected.
  const server = new ServerProcess({ env: { PONS_PING_INTERVAL: '4s' } });
  let proxy: TcpRelay;
  let agent: AgentProcess;
  let machineId = '';
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await server.start();
    // A proxy that cuts any connection idle for 10 s, between the agent and the server and
    // between the CLI and the server.
    proxy = await new TcpRelay({ host: '127.0.0.1', port: server.port }, { idleTimeoutMs: 10_000 }).start();
    const api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword, PASSWORD);
    const { token } = await api.createToken();
    agent = new AgentProcess({
      server: `https://127.0.0.1:${proxy.port}`,
      token,
      caFingerprint: server.caFingerprint,
      hostname: 'remote-target-01',
      args: ['--vnc', 'off'],
    }).start();
    await waitFor('the agent online', async () => (await api.machines('?status=online')).total === 1 || undefined, 30_000);
    machineId = (await api.machines()).items[0]!.id;
    const login = await runCli(
      [
        'login',
        '--server',
        `https://127.0.0.1:${proxy.port}`,
        '--ca-fingerprint',
        server.caFingerprint,
        '--username',
        'admin',
        '--password-stdin',
      ],
      { config, input: `${PASSWORD}\n` },
    );
    expect(login.code).toBe(0);
  }, 90_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await agent?.dispose();
    await proxy?.stop();
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts `pons tunnel` and waits for its "Forwarding" line. */
  async function startTunnel(remotePort: number): Promise<number> {
    const local = await freePort();
    const child = spawn(process.execPath, [LAUNCHER, 'tunnel', 'remote-target-01', String(remotePort), '--local', String(local)], {
      env: { ...process.env, PONS_CLI_CONFIG: config, PONS_SERVER: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    await waitFor(`pons tunnel to listen (${out})`, () => out.includes('Forwarding') || undefined, 15_000);
    return local;
  }

  it('pons tunnel carries 100 MB to an echo server on the agent side and back, intact', async () => {
    const echo = await echoServer();
    const local = await startTunnel(echo.port);
    const data = randomBytes(100 * 1024 * 1024);
    const socket = connect(local, '127.0.0.1').on('error', () => undefined);
    const received: Buffer[] = [];
    let length = 0;
    const started = performance.now();
    const back = new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        length += chunk.length;
        if (length >= data.length) resolve();
      }),
    );
    socket.write(data);
    await back;
    const seconds = (performance.now() - started) / 1000;
    socket.destroy();
    echo.server.close();
    expect(length).toBe(data.length);
    expect(sha256(Buffer.concat(received))).toBe(sha256(data));
    console.log(
      `pons tunnel: 100 MB there and back in ${seconds.toFixed(2)} s, ${((2 * 100) / seconds).toFixed(1)} MB/s of tunnel traffic`,
    );
  }, 120_000);

  it('keeps an idle tunnel up through a proxy that cuts connections silent for 10 s', async () => {
    const echo = await echoServer();
    const local = await startTunnel(echo.port);
    const socket = connect(local, '127.0.0.1').on('error', () => undefined);
    let closed = false;
    socket.on('close', () => (closed = true));
    const roundTrip = (text: string) =>
      new Promise<string>((resolve, reject) => {
        if (closed) return reject(new Error('the tunnel was closed while idle'));
        socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
        socket.once('close', () => reject(new Error('the tunnel was closed')));
        socket.write(text);
      });
    expect(await roundTrip('before')).toBe('before');
    // A canary connection through the same proxy, silent from now on: when the proxy cuts it, the
    // tunnel has been silent at least as long (10 s), and the proxy is shown to cut idle links.
    const canary = connect(proxy.port, '127.0.0.1').on('error', () => undefined);
    await new Promise<void>((resolve) => canary.once('close', () => resolve()));
    expect(await roundTrip('after the proxy cut a silent connection')).toBe('after the proxy cut a silent connection');
    socket.destroy();
    echo.server.close();
  }, 60_000);

  it('opens a terminal under a PTY: output, resize, UTF-8 and a colour terminal type', async () => {
    const api = server.api();
    await api.login('admin', PASSWORD);
    const opened = await openTunnel(api, machineId, { kind: 'terminal', cols: 80, rows: 24 });
    const ws = await connectTunnel(server.url, server.caPem, opened.socketPath);
    // The shell's own answers: the typed line shows escapes and a sum, not their results.
    const answers = ['pons-42', '30 100', 'été', 'xterm-256color'];
    const shown = collect(ws, (text) => answers.every((a) => text.includes(a)));
    ws.send(JSON.stringify({ type: 'resize', cols: 100, rows: 30 }));
    ws.send(Buffer.from("echo pons-$((6*7)); stty size; printf '\\303\\251t\\303\\251\\n'; echo $TERM\r"), { binary: true });
    const text = await shown;
    for (const answer of answers) expect(text).toContain(answer);
    ws.close();
  }, 30_000);

  it('uploads then downloads a 200 MB file, with the same SHA-256 on both ends', async () => {
    const api = server.api();
    await api.login('admin', PASSWORD);
    const local = path.join(dir, 'local.bin');
    const sha = randomFile(local, 200);
    const target = path.join(dir, 'big.bin');
    const content = `/api/v1/machines/${machineId}/files/content?path=${encodeURIComponent(target)}`;
    const put = await streamed(api, server.caPem, 'PUT', content, local);
    expect(put.body).toEqual({ path: target, bytes: 200 * 1024 * 1024, sha256: sha });
    const again = await api.raw('PUT', content, Buffer.from('x'));
    expect(again.body).toMatchObject({ error: { code: 'PONS_E_FILE_EXISTS' } });
    const listing = await api.call<FileListResponse>('GET', `/api/v1/machines/${machineId}/files?path=${encodeURIComponent(dir)}`);
    expect(listing.entries).toContainEqual(expect.objectContaining({ name: 'big.bin', type: 'file', size: 200 * 1024 * 1024 }));
    const got = await streamed(api, server.caPem, 'GET', content);
    expect({ status: got.status, bytes: got.bytes, sha256: got.sha256 }).toEqual({ status: 200, bytes: 200 * 1024 * 1024, sha256: sha });
    const missing = await api.raw('GET', `/api/v1/machines/${machineId}/files/content?path=${encodeURIComponent(`${dir}/nope`)}`);
    expect(missing.body).toMatchObject({ error: { code: 'PONS_E_FILE_NOT_FOUND', message: expect.stringContaining('does not exist') } });
  }, 120_000);

  it('says plainly what is wrong: nothing listening, VNC disabled', async () => {
    const api = server.api();
    await api.login('admin', PASSWORD);
    const closed = await freePort();
    const refused = await api.raw('POST', `/api/v1/machines/${machineId}/tunnels`, { kind: 'tcp', port: closed });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({
      error: { code: 'PONS_E_TUNNEL_TARGET', message: expect.stringContaining(`127.0.0.1:${closed}`) },
    });
    const vnc = await api.raw('POST', `/api/v1/machines/${machineId}/tunnels`, { kind: 'vnc' });
    expect(vnc.body).toMatchObject({ error: { code: 'PONS_E_REMOTE_DISABLED', message: expect.stringContaining('VNC is disabled') } });
    const audit = await api.call<{ items: Array<{ action: string; outcome: string; errorCode: string | null }> }>(
      'GET',
      '/api/v1/audit?action=remote.',
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'remote.session.open', outcome: 'failure', errorCode: 'PONS_E_TUNNEL_TARGET' }),
    );
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'remote.terminal.end', outcome: 'success' }));
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'remote.file-read.end' }));
    const metrics = String((await api.raw('GET', '/metrics')).body);
    expect(metrics).toMatch(/^pons_tunnels_open 0$/m);
    expect(Number(/^pons_tunnel_bytes_total\{direction="to-machine"\} (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(200 * 1024 * 1024);
  }, 30_000);

  it("tells the viewer why a session broke when the agent dies, and the agent's next session works", async () => {
    const api = server.api();
    await api.login('admin', PASSWORD);
    const opened = await openTunnel(api, machineId, { kind: 'terminal' });
    const ws = await connectTunnel(server.url, server.caPem, opened.socketPath);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await agent.kill();
    expect(await closed).toEqual({
      code: 4502,
      reason: expect.stringContaining('The connection to the agent was lost') as string,
    });
    const ended = await api.call<{ items: Array<{ action: string; outcome: string; details: { reason?: string } | null }> }>(
      'GET',
      '/api/v1/audit?action=remote.terminal.end',
    );
    expect(ended.items[0]).toMatchObject({ outcome: 'failure', details: { reason: expect.stringContaining('lost') as string } });
    agent.start();
    await waitFor('the agent back online', async () => ((await api.machine(machineId)).status === 'online' ? true : undefined), 30_000);
    const again = await openTunnel(api, machineId, { kind: 'terminal' });
    const socket = await connectTunnel(server.url, server.caPem, again.socketPath);
    const shown = collect(socket, (text) => text.includes('back-7'));
    socket.send(Buffer.from('echo back-$((3+4))\r'), { binary: true });
    expect(await shown).toContain('back-7');
    socket.close();
  }, 60_000);

  it('wakes a sleeping machine from an online neighbour on its subnet, else from the server', async () => {
    const api = server.api();
    await api.login('admin', PASSWORD);
    const listener = createSocket({ type: 'udp4', reuseAddr: true });
    const packets: Buffer[] = [];
    listener.on('message', (m) => packets.push(m));
    const port = await new Promise<number>((resolve) => listener.bind(0, '0.0.0.0', () => resolve(listener.address().port)));
    const { token } = await api.createToken();
    const sleeper = new AgentProcess({ server: server.url, token, caFingerprint: server.caFingerprint, hostname: 'sleeper-01' }).start();
    await waitFor('the sleeper inventoried', async () => ((await api.machine('sleeper-01')).inventoryAt ? true : undefined), 60_000);
    await sleeper.stop();
    await waitFor('the sleeper offline', async () => ((await api.machine('sleeper-01')).status === 'offline' ? true : undefined));
    const mac = (await api.machine('sleeper-01')).macAddresses[0]!;
    const woken = await api.call<WakeResponse>('POST', '/api/v1/machines/sleeper-01/wake', { port });
    expect(woken.sentBy).toMatchObject({ kind: 'agent', hostname: 'remote-target-01' });
    await waitFor('the magic packet', () => packets.length > 0 || undefined, 5000);
    expect(packets[0]!.subarray(0, 6).toString('hex')).toBe('ffffffffffff');
    expect(packets[0]!.subarray(6, 12).toString('hex')).toBe(mac.replace(/:/g, ''));
    const cli = await runCli(['wake', 'sleeper-01', '--port', String(port)], { config });
    expect(cli.stdout).toContain('sent by its neighbour remote-target-01');
    await agent.stop();
    await waitFor('no neighbour online', async () => ((await api.machines('?status=online')).total === 0 ? true : undefined));
    const fromServer = await api.call<WakeResponse>('POST', '/api/v1/machines/sleeper-01/wake', { port });
    expect(fromServer.sentBy.kind).toBe('server');
    await sleeper.dispose();
    listener.close();
    writeFileSync(path.join(dir, 'done'), '');
  }, 120_000);
});
