import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandGuard } from '@pons/agent-link';
import type {
  AuditLine,
  CommandFrame,
  DeploymentDetail,
  GroupDetail,
  DeployStartArgs,
  JobOutputEvent,
  JobStateEvent,
  PackageDetail,
} from '@pons/protocol';
import { databaseBackends, waitFor } from '@pons/test-kit';
import { defaultConfig } from '../../config.js';
import { TestServer, type TestAgent } from '../../testing/test-server.js';

type Unnumbered = Omit<JobStateEvent, 'seq' | 'at'> | Omit<JobOutputEvent, 'seq' | 'at'>;
type Script = (args: DeployStartArgs, report: (events: Unnumbered[]) => void) => void;

/** An agent that verifies each command, accepts deploy.start and plays `script` for its job. */
function scripted(agent: TestAgent, script: Script) {
  const guard = new CommandGuard(agent.connection.welcome.commandKey!, agent.machineId);
  const seen: CommandFrame[] = [];
  agent.connection.on('frame', (frame) => {
    if (frame.type !== 'command' || !guard.check(frame, agent.connection.clockOffsetMs).ok) return;
    seen.push(frame);
    agent.connection.send({ type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true } });
    if (frame.name !== 'deploy.start') return;
    const args = frame.args as DeployStartArgs;
    let seq = 0;
    script(args, (events) =>
      agent.connection.send({
        type: 'job',
        id: `f${args.attempt}-${seq}`,
        deploymentId: args.deploymentId,
        attempt: args.attempt,
        events: events.map((e) => ({ ...e, seq: ++seq, at: Date.now() })),
      }),
    );
  });
  return seen;
}

const succeed: Script = (_args, report) => {
  report([{ kind: 'state', state: 'transferring', percent: 0 }]);
  report([
    { kind: 'state', state: 'running', step: 1 },
    { kind: 'output', step: 1, stream: 'stdout', lines: ['installing', 'done'] },
    { kind: 'state', state: 'success' },
  ]);
};

describe.each(databaseBackends())('deployments on %s', (backend) => {
  const server = new TestServer(backend, {
    deployments: { ...defaultConfig('.').deployments, tickMs: 100, convergeEveryMs: 300 },
  });
  let packageId: string;

  beforeAll(async () => {
    await server.start();
    await server.admin();
    const pkg = await server.api.call<PackageDetail>('POST', '/api/v1/packages', {
      name: 'Scripted',
      version: '1.0',
      os: ['linux'],
      sequences: { linux: [{ action: 'run', shell: 'sh', command: 'true' }] },
    });
    await server.api.call('PUT', `/api/v1/packages/${pkg.id}/files/payload.bin`, Buffer.from('0123456789'.repeat(100)));
    await server.api.call('POST', `/api/v1/packages/${pkg.id}/submit`);
    packageId = pkg.id;
  });
  afterAll(() => server.dispose());

  const detail = (id: string) => server.api.call<DeploymentDetail>('GET', `/api/v1/deployments/${id}`);
  const settled = (id: string) =>
    waitFor(`${id} settled`, async () => ((await detail(id)).targets.every((t) => t.final) ? detail(id) : undefined));
  const enrolled = async (name: string, script: Script) => {
    const agent = await server.enroll(await server.token(), name);
    const seen = scripted(agent, script);
    await waitFor(`${name} online`, async () => (await server.api.machine(agent.machineId)).status === 'online' || undefined);
    return { agent, seen };
  };
  const deploy = (body: Record<string, unknown>) =>
    server.api.call<{ id: string }>('POST', '/api/v1/deployments', { package: packageId, ...body });

  it('records each target with its cause, and each reported line once even when a report comes twice', async () => {
    const ok = await enrolled('dep-ok', succeed);
    const failing = await enrolled('dep-fail', (_args, report) => {
      const failure = { step: 1, exitCode: 2, message: 'Step 1 ended with exit code 2.', lastLines: ['no space left'] };
      const events: Unnumbered[] = [
        { kind: 'output', step: 1, stream: 'stderr', lines: ['no space left'] },
        { kind: 'state', state: 'step-failed', step: 1, failure },
      ];
      report(events);
      // The same report again, as after a lost acknowledgement: numbered the same, so applied once.
      failing.agent.connection.send({
        type: 'job',
        id: 'again',
        deploymentId: _args.deploymentId,
        attempt: 1,
        events: events.map((e, i) => ({ ...e, seq: i + 1, at: Date.now() })),
      });
    });
    const created = await deploy({ targets: { machines: [ok.agent.machineId, failing.agent.machineId] } });
    const done = await settled(created.id);
    expect(done.counts).toEqual({ success: 1, 'step-failed': 1 });
    expect(done.targets.find((t) => t.hostname === 'dep-fail')).toMatchObject({
      state: 'step-failed',
      label: 'ABORT PACKAGE EXECUTION ERROR',
      exitCode: 2,
      lastLines: ['no space left'],
      message: 'Step 1 ended with exit code 2.',
    });
    const lines = await server.api.call<AuditLine[]>('GET', `/api/v1/deployments/${created.id}/audit?machine=dep-fail`);
    expect(lines.filter((l) => l.text === 'no space left')).toHaveLength(1);
    const okLines = await server.api.call<AuditLine[]>('GET', `/api/v1/deployments/${created.id}/audit?machine=dep-ok`);
    expect(okLines.map((l) => l.state ?? l.text)).toEqual([
      'scheduled',
      'starting',
      'transferring',
      'running',
      'installing\ndone',
      'success',
    ]);
    ok.agent.connection.terminate();
    failing.agent.connection.terminate();
  });

  it('serves the files to the token of the deployment only, with ranges', async () => {
    let args: DeployStartArgs | undefined;
    const a = await enrolled('dep-files', (start, report) => {
      args = start;
      report([{ kind: 'state', state: 'success' }]);
    });
    await settled((await deploy({ targets: { machines: [a.agent.machineId] } })).id);
    const file = args!.descriptor.files[0]!;
    const auth = { authorization: `Bearer ${args!.downloadToken}` };
    const part = await server.api.raw('GET', `/agent/v1/files/${file.sha256}`, undefined, { ...auth, range: 'bytes=990-' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe('0123456789');
    const other = await server.api.raw('GET', `/agent/v1/files/${'a'.repeat(64)}`, undefined, auth);
    expect(other.body).toMatchObject({ error: { code: 'PONS_E_FILE_NOT_FOUND' } });
    const forged = await server.api.raw('GET', `/agent/v1/files/${file.sha256}`, undefined, {
      authorization: `Bearer ${args!.downloadToken}x`,
    });
    expect(forged.status).toBe(401);
    a.agent.connection.terminate();
  });

  it('stops a running target at once and tells its agent; a late report changes nothing but the audit; restart is a new attempt', async () => {
    let late: (() => void) | undefined;
    const a = await enrolled('dep-stop', (args, report) => {
      if (args.attempt === 1) {
        report([{ kind: 'state', state: 'running', step: 1 }]);
        late = () => report([{ kind: 'state', state: 'success' }]);
      } else succeed(args, report);
    });
    const created = await deploy({ targets: { machines: [a.agent.machineId] } });
    await waitFor('running', async () => (await detail(created.id)).targets[0]?.state === 'running' || undefined);
    await server.api.call('POST', `/api/v1/deployments/${created.id}/stop`, {});
    expect((await detail(created.id)).targets[0]).toMatchObject({ state: 'cancelled', message: 'Stopped by admin.' });
    await waitFor('deploy.cancel', () => a.seen.some((f) => f.name === 'deploy.cancel') || undefined);
    late!();
    await waitFor('late line', async () => {
      const lines = await server.api.call<AuditLine[]>('GET', `/api/v1/deployments/${created.id}/audit`);
      return lines.some((l) => l.state === 'success') || undefined;
    });
    expect((await detail(created.id)).targets[0]?.state).toBe('cancelled');
    await server.api.call('POST', `/api/v1/deployments/${created.id}/restart`, {});
    const again = await settled(created.id);
    expect(again.targets[0]).toMatchObject({ state: 'success', attempt: 2 });
    a.agent.connection.terminate();
  });

  it('tries again by itself after a failure while retries are left', async () => {
    const a = await enrolled('dep-retry', (args, report) => {
      if (args.attempt === 1) report([{ kind: 'state', state: 'transfer-failed', failure: { message: 'HTTP 503', httpStatus: 503 } }]);
      else succeed(args, report);
    });
    const created = await deploy({ targets: { machines: [a.agent.machineId] }, retries: 1 });
    const done = await waitFor('second attempt succeeded', async () => {
      const d = await detail(created.id);
      return d.targets[0]?.state === 'success' ? d : undefined;
    });
    expect(done.targets[0]?.attempt).toBe(2);
    const lines = await server.api.call<AuditLine[]>('GET', `/api/v1/deployments/${created.id}/audit`);
    expect(lines.map((l) => l.text)).toContain('DEPLOY TASK SCHEDULED: Attempt 1 failed; trying again (0 retries left after this one).');
    a.agent.connection.terminate();
  });

  it('follows its entity when converging: a machine enrolled later becomes a target', async () => {
    const created = await deploy({ targets: { all: true }, converge: true });
    const later = await enrolled('dep-later', succeed);
    const target = await waitFor('the newcomer deployed', async () =>
      (await detail(created.id)).targets.find((t) => t.machineId === later.agent.machineId && t.state === 'success'),
    );
    expect(target.attempt).toBe(1);
    await server.api.call('POST', `/api/v1/deployments/${created.id}/stop`, {});
    later.agent.connection.terminate();
  });

  it('deploys to a static group, and when converging follows the machines put in it later', async () => {
    const member = await enrolled('grp-1', succeed);
    const group = await server.api.call<GroupDetail>('POST', '/api/v1/groups', { name: 'Lab', machines: ['grp-1'] });
    expect(group).toMatchObject({ name: 'Lab', kind: 'static', members: 1, machines: [{ hostname: 'grp-1' }] });
    const created = await deploy({ targets: { group: 'Lab' }, converge: true });
    const first = await settled(created.id);
    expect(first.targets.map((t) => t.hostname)).toEqual(['grp-1']);
    // Every target done, yet it is not finished: it waits for newcomers.
    expect(first).toMatchObject({ status: 'active', converge: true });
    const second = await enrolled('grp-2', succeed);
    await server.api.call('POST', '/api/v1/groups/Lab/add', { machines: [second.agent.machineId] });
    const joined = await waitFor('the new member deployed', async () =>
      (await detail(created.id)).targets.find((t) => t.hostname === 'grp-2' && t.state === 'success'),
    );
    expect(joined.attempt).toBe(1);
    await server.api.call('POST', `/api/v1/deployments/${created.id}/stop`, {});
    member.agent.connection.terminate();
    second.agent.connection.terminate();
  });

  it('refuses a group with a machine it cannot find, and creates nothing', async () => {
    await expect(server.api.call('POST', '/api/v1/groups', { name: 'Ghosts', machines: ['no-such-host'] })).rejects.toMatchObject({
      status: 404,
      code: 'PONS_E_MACHINE_NOT_FOUND',
    });
    await expect(server.api.call('GET', '/api/v1/groups/Ghosts')).rejects.toMatchObject({ code: 'PONS_E_GROUP_NOT_FOUND' });
    await expect(server.api.call('POST', '/api/v1/groups', { name: 'Lab' })).rejects.toMatchObject({
      status: 409,
      code: 'PONS_E_GROUP_EXISTS',
    });
    const removed = await server.api.call<GroupDetail>('POST', '/api/v1/groups/Lab/remove', { machines: ['grp-1'] });
    expect(removed.machines.map((m) => m.hostname)).toEqual(['grp-2']);
  });
});
