import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { generateEd25519, loadPrivateKey, signText } from '@pons/crypto';
import { TunnelAuthHeaders, tunnelAuthText, type AuditLogEntry, type OpenTunnelResponse, type TunnelOpenArgs } from '@pons/protocol';
import { databaseBackends, waitFor, type ApiClient } from '@pons/test-kit';
import { TestServer, type TestAgent } from '../../testing/test-server.js';

type Answer = { status: number; code: string | undefined; message: string };

/** Connects a WebSocket to the server: the open socket (status 101), or the HTTP status it was refused with. */
function dial(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; ws: WebSocket }> {
  const url = new URL(path, server.url);
  url.protocol = 'wss:';
  const ws = new WebSocket(url, { ca: server.server.caPem, headers, perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, ws });
      ws.terminate();
    });
  });
}

/** The five remote routes of one machine, each with a valid request. */
function remoteRoutes(machineId: string, wakePort = 9): Array<[string, string, unknown?]> {
  const base = `/api/v1/machines/${machineId}`;
  return [
    ['POST', `${base}/tunnels`, { kind: 'terminal', cols: 80, rows: 24 }],
    ['GET', `${base}/files?path=%2Ftmp`],
    ['GET', `${base}/files/content?path=%2Fetc%2Fhostname`],
    ['PUT', `${base}/files/content?path=%2Ftmp%2Fnote.txt`, Buffer.from('hello')],
    ['POST', `${base}/wake`, { port: wakePort }],
  ];
}

async function answer(client: ApiClient, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await client.raw(method, path, body);
  const error = (res.body as { error?: { code?: string; message?: string } }).error;
  return { status: res.status, code: error?.code, message: error?.message ?? '' };
}

describe.each(databaseBackends())('remote access rules on %s', (backend) => {
  const wol = createSocket('udp4');
  const server = new TestServer(backend, { wakeOnLan: { addresses: ['127.0.0.1'], port: 9 } });
  let alice: ApiClient; // Technician of Acme
  let gabe: ApiClient; // Technician of Globex
  let vera: ApiClient; // inventory read-only on Acme
  let online: TestAgent; // acme-pc1, answers tunnel.open in the test that needs it
  let offline: TestAgent; // acme-off, said goodbye
  let wolPort = 0;
  let openedTunnel = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => wol.bind(0, '127.0.0.1', resolve));
    wolPort = wol.address().port;
    await server.start();
    const admin = await server.admin();
    await admin.call('POST', '/api/v1/entities', { name: 'Acme' });
    await admin.call('POST', '/api/v1/entities', { name: 'Acme Paris', parent: 'Acme' });
    await admin.call('POST', '/api/v1/entities', { name: 'Globex' });
    await admin.call('POST', '/api/v1/profiles', { name: 'Inventory reader', permissions: { inventory: 'ro' } });
    alice = await server.userClient('alice', [{ entity: 'Acme', profile: 'Technician' }]);
    gabe = await server.userClient('gabe', [{ entity: 'Globex', profile: 'Technician' }]);
    vera = await server.userClient('vera', [{ entity: 'Acme', profile: 'Inventory reader' }]);
    const token = await server.token({ entity: 'Acme' });
    online = await server.enroll(token, 'acme-pc1');
    offline = await server.enroll(token, 'acme-off');
    await offline.connection.goodbye('agent-stopped');
    await waitFor('acme-pc1 online, acme-off offline', async () => {
      const [on, off] = await Promise.all([admin.machine(online.machineId), admin.machine(offline.machineId)]);
      return on.status === 'online' && off.status === 'offline';
    });
  }, 120_000);
  afterAll(async () => {
    online.connection.terminate();
    wol.close();
    await server.dispose();
  });

  it("hides another entity's machine, refuses a profile without remote, and lets the machine's Technician through", async () => {
    const outside = await Promise.all(remoteRoutes(offline.machineId).map(([m, p, b]) => answer(gabe, m, p, b)));
    expect(outside.map((a) => `${a.status} ${a.code}`)).toEqual(Array(5).fill('404 PONS_E_MACHINE_NOT_FOUND'));

    expect((await vera.machine(offline.machineId)).hostname).toBe('acme-off');
    const unpermitted = await Promise.all(remoteRoutes(offline.machineId).map(([m, p, b]) => answer(vera, m, p, b)));
    expect(unpermitted.map((a) => `${a.status} ${a.code}`)).toEqual(Array(5).fill('403 PONS_E_FORBIDDEN'));

    // Alice passes the permission checks: what stops her is the machine being offline.
    const [tunnel, list, download, upload] = await Promise.all(
      remoteRoutes(offline.machineId)
        .slice(0, 4)
        .map(([m, p, b]) => answer(alice, m, p, b)),
    );
    for (const refused of [tunnel, list, download, upload]) {
      expect(refused).toMatchObject({
        status: 409,
        code: 'PONS_E_MACHINE_OFFLINE',
        message: expect.stringContaining('acme-off is offline'),
      });
    }
    // ...and her wake-up goes out: the magic packet reaches the address the server was given.
    const packet = new Promise<Buffer>((resolve) => wol.once('message', resolve));
    const [, wakePath, wakeBody] = remoteRoutes(offline.machineId, wolPort)[4]!;
    const woken = await alice.call<{ hostname: string; sentBy: { kind: string } }>('POST', wakePath, wakeBody);
    expect(woken).toMatchObject({ hostname: 'acme-off', sentBy: { kind: 'server' } });
    const bytes = await packet;
    expect(bytes.subarray(0, 6)).toEqual(Buffer.alloc(6, 0xff));
    expect(bytes.subarray(6, 12)).toEqual(Buffer.from('525400123456', 'hex'));
  });

  it('keeps the consent setting to administrators, and a sub-entity follows its parent', async () => {
    const settings = (entity: string) => `/api/v1/entities/${encodeURIComponent(entity)}/remote-settings`;
    expect(await server.api.call('GET', settings('Acme'))).toEqual({ consentRequired: false });
    expect(await server.api.call('PUT', settings('Acme'), { consentRequired: true })).toEqual({ consentRequired: true });
    expect(await server.api.call('GET', settings('Acme'))).toEqual({ consentRequired: true });
    expect(await server.api.call('GET', settings('Acme Paris'))).toEqual({ consentRequired: true });
    expect(await server.api.call('GET', settings('Globex'))).toEqual({ consentRequired: false });
    await server.api.call('PUT', settings('Acme Paris'), { consentRequired: false });
    expect(await server.api.call('GET', settings('Acme Paris'))).toEqual({ consentRequired: false });
    expect(await server.api.call('GET', settings('Acme'))).toEqual({ consentRequired: true });

    expect(await answer(alice, 'GET', settings('Acme'))).toMatchObject({ status: 403, code: 'PONS_E_FORBIDDEN' });
    expect(await answer(alice, 'PUT', settings('Acme'), { consentRequired: false })).toMatchObject({
      status: 403,
      code: 'PONS_E_FORBIDDEN',
    });
    expect(await server.api.call('GET', settings('Acme'))).toEqual({ consentRequired: true });
  });

  it('refuses tunnel sockets nobody is waiting for', async () => {
    expect((await dial(server, `/api/v1/tunnels/${randomUUID()}/socket?ticket=x`)).status).toBe(404);
    expect((await dial(server, `/agent/v1/tunnel/${randomUUID()}`)).status).toBe(404);
  });

  it("takes the agent's end only signed by the machine's key, and a client ticket once", async () => {
    const asked = new Promise<{ args: TunnelOpenArgs; commandId: string }>((resolve) => {
      online.connection.on('frame', (frame) => {
        if (frame.type === 'command' && frame.name === 'tunnel.open') resolve({ args: frame.args as TunnelOpenArgs, commandId: frame.id });
      });
    });
    const opening = server.api.call<OpenTunnelResponse>('POST', `/api/v1/machines/${online.machineId}/tunnels`, {
      kind: 'tcp',
      port: 5900,
    });
    const { args, commandId } = await asked;
    expect(args).toMatchObject({ kind: 'tcp', host: '127.0.0.1', port: 5900 });
    const agentPath = `/agent/v1/tunnel/${args.tunnelId}`;
    // The text names the tunnel and the machine it was opened for; the header says whose key signed it.
    const signedBy = (key: KeyObject, machineId = online.machineId) => ({
      [TunnelAuthHeaders.machine]: machineId,
      [TunnelAuthHeaders.signature]: signText(key, tunnelAuthText(args.tunnelId, online.machineId)),
    });

    // A key that is not the machine's, another enrolled machine signing with its own key, no signature.
    const stranger = loadPrivateKey(generateEd25519().privateKeyPem);
    expect((await dial(server, agentPath, signedBy(stranger))).status).toBe(403);
    expect((await dial(server, agentPath, signedBy(offline.key.privateKey, offline.machineId))).status).toBe(403);
    expect((await dial(server, agentPath, { [TunnelAuthHeaders.machine]: online.machineId })).status).toBe(403);

    const agentEnd = await dial(server, agentPath, signedBy(online.key.privateKey));
    expect(agentEnd.status).toBe(101);
    agentEnd.ws.send(JSON.stringify({ type: 'ready' }));
    online.connection.send({ type: 'result', commandId, status: 'ok', output: { opened: true } });
    const opened = await opening;
    openedTunnel = opened.id;
    expect(opened).toMatchObject({ id: args.tunnelId, kind: 'tcp', machineId: online.machineId, hostname: 'acme-pc1' });
    expect((await dial(server, agentPath, signedBy(online.key.privateKey))).status).toBe(404);

    expect((await dial(server, opened.socketPath.replace(/ticket=[^&]+/, 'ticket=wrong'))).status).toBe(404);
    const client = await dial(server, opened.socketPath);
    expect(client.status).toBe(101);
    const heard = new Promise<Buffer>((resolve) => agentEnd.ws.once('message', (data) => resolve(data as Buffer)));
    client.ws.send(Buffer.from('ping'));
    expect((await heard).toString()).toBe('ping');
    expect((await dial(server, opened.socketPath)).status).toBe(404);

    const agentClosed = new Promise<number>((resolve) => agentEnd.ws.once('close', resolve));
    client.ws.close();
    expect(await agentClosed).toBe(1000);
  });

  it('audits refused and granted session openings with their actor', async () => {
    const lines = async (outcome: string) =>
      (await server.api.call<{ items: AuditLogEntry[] }>('GET', `/api/v1/audit?action=remote.session.open&outcome=${outcome}&limit=100`))
        .items;
    const refused = await lines('failure');
    const failure = { action: 'remote.session.open', outcome: 'failure', objectId: offline.machineId };
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...failure, actor: 'gabe', errorCode: 'PONS_E_MACHINE_NOT_FOUND' }),
        expect.objectContaining({ ...failure, actor: 'vera', errorCode: 'PONS_E_FORBIDDEN' }),
        expect.objectContaining({ ...failure, actor: 'alice', errorCode: 'PONS_E_MACHINE_OFFLINE' }),
      ]),
    );
    expect(await lines('success')).toEqual([
      expect.objectContaining({
        actor: 'admin',
        objectId: online.machineId,
        objectName: 'acme-pc1',
        details: expect.objectContaining({ tunnelId: openedTunnel, kind: 'tcp', port: 5900 }),
      }),
    ]);
  });
});
