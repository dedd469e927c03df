import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageDetail, PackageFile, PackageList, PackageVersion } from '@pons/protocol';
import { databaseBackends } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const installer = Buffer.from('#!/bin/sh\necho installing\n'.repeat(2000));
const config = Buffer.from('{"setting": true}\n');

const steps = {
  linux: [
    {
      action: 'run',
      shell: 'sh',
      command: 'sh @@@PACKAGE_DIRECTORY_ABS_MACHINE@@@/install.sh',
      branches: [{ when: '==3', goto: 'fallback' }],
    },
    { action: 'success' },
    { label: 'fallback', action: 'run', shell: 'sh', command: 'echo fallback' },
  ],
};

describe.each(databaseBackends())('packages on %s', (backend) => {
  const server = new TestServer(backend);
  beforeAll(async () => {
    await server.start();
    await server.admin();
  });
  afterAll(() => server.dispose());

  const create = (name: string, extra: Record<string, unknown> = {}) =>
    server.api.call<PackageDetail>('POST', '/api/v1/packages', { name, version: '1.0', os: ['linux'], sequences: steps, ...extra });
  const upload = (ref: string, name: string, data: Buffer, headers: Record<string, string> = {}) =>
    server.api.call<PackageFile>('PUT', `/api/v1/packages/${ref}/files/${name}`, data, headers);

  it('creates a pending package, takes its files by content and submits it', async () => {
    const created = await create('Firefox ESR', { description: 'Browser' });
    expect(created.pending).toMatchObject({ revision: 1, version: '1.0', status: 'pending' });
    expect(created.latest).toBeNull();

    const file = await upload(created.id, 'install.sh', installer, { 'x-content-sha256': sha256(installer) });
    expect(file).toEqual({ name: 'install.sh', sha256: sha256(installer), size: installer.length });
    await upload('Firefox ESR', 'conf/settings.json', config);
    const stored = path.join(server.dataDir, 'files', 'sha256', file.sha256.slice(0, 2), file.sha256);
    expect(existsSync(stored)).toBe(true);

    const submitted = await server.api.call<PackageVersion>('POST', `/api/v1/packages/${created.id}/submit`);
    expect(submitted).toMatchObject({ status: 'submitted', revision: 1, submittedBy: 'admin', size: installer.length + config.length });
    expect(submitted.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted.files.map((f) => f.name)).toEqual(['conf/settings.json', 'install.sh']);

    const list = await server.api.call<PackageList>('GET', '/api/v1/packages?q=firefox');
    expect(list.items.map((p) => p.name)).toEqual(['Firefox ESR']);
    expect(list.items[0]).toMatchObject({ latest: { version: '1.0', status: 'submitted' }, pending: null, os: ['linux'] });
  });

  it('keeps a submitted version as it was: editing starts the next one, files carried over', async () => {
    const before = await server.api.call<PackageVersion>('GET', '/api/v1/packages/Firefox ESR/versions/1');
    const edited = await server.api.call<PackageDetail>('PATCH', '/api/v1/packages/Firefox ESR', { description: 'Browser, ESR channel' });
    expect(edited.pending).toMatchObject({ revision: 2, version: '1.1' });
    expect(edited.current.files.map((f) => f.name)).toEqual(['conf/settings.json', 'install.sh']);
    await upload('Firefox ESR', 'install.sh', Buffer.from('echo v2\n'));

    const after = await server.api.call<PackageVersion>('GET', '/api/v1/packages/Firefox ESR/versions/1');
    expect(after).toEqual(before);
    const second = await server.api.call<PackageVersion>('POST', '/api/v1/packages/Firefox ESR/submit');
    expect(second).toMatchObject({ revision: 2, version: '1.1', description: 'Browser, ESR channel' });
    expect(second.digest).not.toBe(before.digest);
  });

  it('refuses a file that changed in transit, and keeps nothing of it', async () => {
    const pkg = await create('Hash check');
    await expect(upload(pkg.id, 'a.bin', Buffer.from('abc'), { 'x-content-sha256': sha256(Buffer.from('abd')) })).rejects.toMatchObject({
      status: 400,
      code: 'PONS_E_HASH_MISMATCH',
    });
    const detail = await server.api.call<PackageDetail>('GET', `/api/v1/packages/${pkg.id}`);
    expect(detail.current.files).toEqual([]);
    expect(readdirSync(path.join(server.dataDir, 'files', 'incoming'))).toEqual([]);
    expect(
      existsSync(path.join(server.dataDir, 'files', 'sha256', sha256(Buffer.from('abc')).slice(0, 2), sha256(Buffer.from('abc')))),
    ).toBe(false);
  });

  it('refuses a file name that would leave the package directory', async () => {
    const res = await server.api.raw('PUT', '/api/v1/packages/Hash check/files/..%2Fescape.sh', Buffer.from('x'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'PONS_E_VALIDATION' } });
  });

  it('says which step is wrong when a version cannot be submitted, and leaves it pending', async () => {
    const pkg = await create('Broken jumps', {
      sequences: {
        linux: [
          { action: 'run', shell: 'sh', command: 'true', branches: [{ when: '!=0', goto: 'nowhere' }] },
          { action: 'unzip', file: 'missing.zip' },
        ],
      },
    });
    const res = await server.api.raw('POST', `/api/v1/packages/${pkg.id}/submit`);
    expect(res.status).toBe(422);
    const error = (res.body as { error: { code: string; message: string; details: { problems: unknown[] } } }).error;
    expect(error.code).toBe('PONS_E_PACKAGE_INVALID');
    expect(error.message).toContain('linux step 1: Its branch "!=0" goes to "nowhere"');
    expect(error.message).toContain('linux step 2: It unzips "missing.zip"');
    const detail = await server.api.call<PackageDetail>('GET', `/api/v1/packages/${pkg.id}`);
    expect(detail.pending?.status).toBe('pending');
  });

  it('refuses a step it does not know, with the field at fault', async () => {
    const res = await server.api.raw('POST', '/api/v1/packages', {
      name: 'Bad step',
      version: '1',
      os: ['linux'],
      sequences: { linux: [{ action: 'format-disk' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'PONS_E_VALIDATION' } });
    await expect(server.api.call('GET', '/api/v1/packages/Bad step')).rejects.toMatchObject({ code: 'PONS_E_PACKAGE_NOT_FOUND' });
  });

  it('refuses a second package of the same name in an entity, and a version label used before', async () => {
    await expect(create('Firefox ESR')).rejects.toMatchObject({ status: 409, code: 'PONS_E_PACKAGE_EXISTS' });
    await server.api.call('PATCH', '/api/v1/packages/Firefox ESR', { version: '1.0' });
    await expect(server.api.call('POST', '/api/v1/packages/Firefox ESR/submit')).rejects.toMatchObject({
      status: 409,
      code: 'PONS_E_PACKAGE_VERSION_EXISTS',
    });
    const discarded = await server.api.call<PackageDetail>('DELETE', '/api/v1/packages/Firefox ESR/pending');
    expect(discarded.pending).toBeNull();
    expect(discarded.latest?.revision).toBe(2);
  });

  it('serves a file with range requests, so a download resumes', async () => {
    const whole = await server.api.raw('GET', '/api/v1/packages/Firefox ESR/versions/1/files/install.sh');
    expect(whole.status).toBe(200);
    expect(sha256(whole.bytes)).toBe(sha256(installer));
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const rest = await server.api.raw('GET', '/api/v1/packages/Firefox ESR/versions/1/files/install.sh', undefined, {
      range: 'bytes=1000-',
    });
    expect(rest.status).toBe(206);
    expect(rest.headers['content-range']).toBe(`bytes 1000-${installer.length - 1}/${installer.length}`);
    expect(Buffer.concat([whole.bytes.subarray(0, 1000), rest.bytes]).equals(installer)).toBe(true);
    const past = await server.api.raw('GET', '/api/v1/packages/Firefox ESR/versions/1/files/install.sh', undefined, {
      range: `bytes=${installer.length}-`,
    });
    expect(past.status).toBe(416);
  });
});
