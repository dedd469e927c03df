import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection } from '@pons/agent-link';
import { facts, TestServer, type TestAgent } from '../testing/test-server.js';

describe('TLS session resumption', () => {
  const server = new TestServer('sqlite');
  let agent: TestAgent;
  let session: Buffer | null = null;

  const connect = async () => {
    const connection = await AgentConnection.open({
      serverUrl: server.url,
      caPem: server.server.caPem,
      key: agent.key,
      auth: { kind: 'hello', machineId: agent.machineId },
      facts: facts('resuming'),
      agentVersion: 'test',
      ...(session ? { tlsSession: session } : {}),
      onTlsSession: (s) => (session = s),
    });
    connection.terminate();
    return connection;
  };

  beforeAll(async () => {
    await server.start();
    await server.admin();
    agent = await server.enroll(await server.token(), 'resuming');
    agent.connection.terminate();
  });
  afterAll(() => server.dispose());

  it('resumes the session an earlier connection was given, also after a server restart', async () => {
    expect((await connect()).tlsResumed).toBe(false);
    expect(session).not.toBeNull();
    expect((await connect()).tlsResumed).toBe(true);
    await server.restart();
    expect((await connect()).tlsResumed).toBe(true);
  });

  it('falls back to a full handshake when the ticket key was replaced', async () => {
    rmSync(path.join(server.dataDir, 'pki', 'tls-tickets.key'));
    await server.restart();
    const connection = await connect();
    expect(connection.tlsResumed).toBe(false);
    expect(connection.welcome.machineId).toBe(agent.machineId);
  });
});
