import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess, ServerProcess, waitFor, type ApiClient } from '@pons/test-kit';

/** The real agent, given bad input, stops with a clear message and leaves nothing behind. */
describe('agent refusals with real processes', () => {
  let server: ServerProcess;
  let api: ApiClient;
  const agents: AgentProcess[] = [];

  beforeAll(async () => {
    server = await new ServerProcess().start();
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword);
  });

  afterAll(async () => {
    for (const agent of agents) await agent.dispose();
    await server?.dispose();
  });

  const run = async (options: { token?: string; caFingerprint?: string }) => {
    const agent = new AgentProcess({ server: server.url, hostname: 'refused', ...options });
    agents.push(agent);
    agent.start();
    return { code: await agent.exitCode(), output: agent.output() };
  };

  it('refuses a server whose CA does not match the pinned fingerprint (exit 3)', async () => {
    const { token } = await api.createToken();
    const result = await run({ token, caFingerprint: `sha256:${'1'.repeat(64)}` });
    expect(result.code).toBe(3);
    expect(result.output).toContain('the server cannot be verified');
    expect(result.output).toContain(`sha256:${'1'.repeat(64)}`);
    expect((await api.machines()).total).toBe(0);
  });

  it.each([
    ['unknown', () => Promise.resolve('pet_notatokenatallnotatokenatall00'), 'not known to the server'],
    [
      'exhausted',
      async () => {
        const { token } = await api.createToken({ maxUses: 1 });
        const first = new AgentProcess({ server: server.url, token, caFingerprint: server.caFingerprint, hostname: 'first' });
        agents.push(first);
        first.start();
        await waitFor('first enrolled', () => first.machineId ?? undefined);
        return token;
      },
      'has been used 1 time(s)',
    ],
  ])('stops on an %s token (exit 2) and creates nothing', async (_name, makeToken, message) => {
    const token = await makeToken();
    const before = (await api.machines()).total;
    const result = await run({ token, caFingerprint: server.caFingerprint });
    expect(result.code).toBe(2);
    expect(result.output).toContain('enrollment refused');
    expect(result.output).toContain(message);
    expect((await api.machines()).total).toBe(before);
  });

  it('explains what is missing on a first start without a token (exit 78)', async () => {
    const result = await run({ caFingerprint: server.caFingerprint });
    expect(result.code).toBe(78);
    expect(result.output).toContain('--server, --token and --ca-fingerprint are all needed the first time');
  });
});
