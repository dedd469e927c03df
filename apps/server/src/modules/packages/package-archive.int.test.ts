import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { canonicalJson, sha256Hex } from '@pons/crypto';
import type { PackageDetail, PackageManifest, PackageVersion } from '@pons/protocol';
import { databaseBackends } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

async function entries(archive: Buffer): Promise<Map<string, Buffer>> {
  const extract = tar.extract();
  const found = new Map<string, Buffer>();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      found.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  extract.end(archive);
  await done;
  return found;
}

async function build(files: Map<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of files) pack.entry({ name }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(databaseBackends())('package archives on %s', (backend) => {
  const server = new TestServer(backend);
  let exported: Map<string, Buffer>;
  let manifest: PackageManifest;
  const payload = Buffer.from('payload '.repeat(10_000));

  beforeAll(async () => {
    await server.start();
    await server.admin();
    const pkg = await server.api.call<PackageDetail>('POST', '/api/v1/packages', {
      name: 'Roundtrip',
      version: '2.5',
      os: ['linux'],
      sequences: { linux: [{ action: 'run', shell: 'sh', command: 'cat data/payload.bin > /dev/null' }] },
    });
    await server.api.call('PUT', `/api/v1/packages/${pkg.id}/files/data/payload.bin`, payload);
    await server.api.call('POST', `/api/v1/packages/${pkg.id}/submit`);
    const res = await server.api.raw('GET', `/api/v1/packages/Roundtrip/versions/1/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="Roundtrip-2.5.pons.tar"');
    exported = await entries(res.bytes);
    manifest = JSON.parse(exported.get('manifest.json')!.toString()) as PackageManifest;
  });
  afterAll(() => server.dispose());

  it('exports a manifest first, with the digest of the version, then its files', async () => {
    const version = await server.api.call<PackageVersion>('GET', '/api/v1/packages/Roundtrip/versions/1');
    expect([...exported.keys()]).toEqual(['manifest.json', 'files/data/payload.bin']);
    expect(manifest).toMatchObject({ format: 'pons-package', formatVersion: 1, digest: version.digest });
    expect(sha256Hex(canonicalJson(manifest.descriptor))).toBe(version.digest);
    expect(exported.get('files/data/payload.bin')!.equals(payload)).toBe(true);
  });

  it('imports an archive as a submitted version, with the same digest and files', async () => {
    const descriptor = { ...manifest.descriptor, name: 'Roundtrip copy' };
    const copy = new Map(exported);
    copy.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, descriptor, digest: sha256Hex(canonicalJson(descriptor)) })));
    const imported = await server.api.call<PackageVersion>('POST', '/api/v1/packages/import', await build(copy));
    expect(imported).toMatchObject({ status: 'submitted', revision: 1, version: '2.5', digest: sha256Hex(canonicalJson(descriptor)) });
    const file = await server.api.raw('GET', `/api/v1/packages/Roundtrip copy/versions/1/files/data/payload.bin`);
    expect(file.bytes.equals(payload)).toBe(true);
  });

  it('refuses a version label the package already has', async () => {
    const res = await server.api.raw('POST', '/api/v1/packages/import', await build(exported));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'PONS_E_PACKAGE_VERSION_EXISTS' } });
  });

  it('refuses an altered archive: a manifest that does not match, a file that does not match', async () => {
    const renamed = new Map(exported);
    renamed.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, descriptor: { ...manifest.descriptor, name: 'Sneaky' } })));
    const first = await server.api.raw('POST', '/api/v1/packages/import', await build(renamed));
    expect(first.body).toMatchObject({
      error: { code: 'PONS_E_PACKAGE_ARCHIVE_INVALID', message: expect.stringContaining('was altered') },
    });

    const damaged = new Map(exported);
    damaged.set('files/data/payload.bin', Buffer.from('something else'));
    const second = await server.api.raw('POST', '/api/v1/packages/import', await build(damaged));
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ error: { code: 'PONS_E_HASH_MISMATCH' } });

    const junk = await server.api.raw('POST', '/api/v1/packages/import', Buffer.from('not a tar file at all'.repeat(100)));
    expect(junk.body).toMatchObject({ error: { code: 'PONS_E_PACKAGE_ARCHIVE_INVALID' } });
    const list = await server.api.call<{ items: Array<{ name: string }> }>('GET', '/api/v1/packages');
    expect(list.items.map((p) => p.name).sort()).toEqual(['Roundtrip', 'Roundtrip copy']);
  });
});
