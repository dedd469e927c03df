import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { generateEd25519, loadPrivateKey } from '@pons/crypto';
import { AgentConnection } from './agent-connection.js';
import { LinkError } from './link-error.js';

const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('AgentConnection', () => {
  it('says a connect was refused when nobody listens, which the reconnect policy treats apart', async () => {
    const key = generateEd25519();
    const error = await AgentConnection.open({
      serverUrl: `https://127.0.0.1:${await closedPort()}`,
      caPem: '',
      key: { privateKey: loadPrivateKey(key.privateKeyPem), publicKey: key.publicKey },
      auth: { kind: 'hello', machineId: 'm1' },
      facts: { hostname: 'h', platform: 'linux', osName: 'Debian', osVersion: '12', arch: 'x64', ipAddresses: [], macAddresses: [] },
      agentVersion: 'test',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkError);
    expect(error).toMatchObject({ code: 'PONS_E_UNAVAILABLE', refused: true, fatal: false });
  });
});
