import { createHash } from 'node:crypto';
import type { ApiClient } from '@pons/test-kit';
import { waitFor } from '@pons/test-kit';
import type { AuditLine, Checks, DeploymentDetail, DeploymentSummary, PackageDetail, PackageVersion, Step } from '@pons/protocol';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Creates a Linux package with these files and steps, submits it, and returns the version. */
export async function submitPackage(
  api: ApiClient,
  name: string,
  files: Record<string, Buffer>,
  steps: Step[],
  extra: { checks?: Checks } = {},
): Promise<PackageVersion> {
  const pkg = await api.call<PackageDetail>('POST', '/api/v1/packages', {
    name,
    version: '1.0',
    os: ['linux'],
    sequences: { linux: steps },
    ...extra,
  });
  for (const [file, data] of Object.entries(files)) {
    await api.call('PUT', `/api/v1/packages/${pkg.id}/files/${file}`, data, { 'x-content-sha256': sha256(data) });
  }
  return api.call<PackageVersion>('POST', `/api/v1/packages/${pkg.id}/submit`);
}

export function deploy(api: ApiClient, body: Record<string, unknown>): Promise<DeploymentSummary> {
  return api.call<DeploymentSummary>('POST', '/api/v1/deployments', body);
}

/** Waits until every target of the deployment is in a final state, and returns it. */
export function settled(api: ApiClient, id: string, timeoutMs = 60_000): Promise<DeploymentDetail> {
  return waitFor(
    `deployment ${id} to settle`,
    async () => {
      const detail = await api.call<DeploymentDetail>('GET', `/api/v1/deployments/${id}`);
      return detail.targets.length > 0 && detail.targets.every((t) => t.final) ? detail : undefined;
    },
    timeoutMs,
    200,
  );
}

export function audit(api: ApiClient, id: string, query = ''): Promise<AuditLine[]> {
  return api.call<AuditLine[]>('GET', `/api/v1/deployments/${id}/audit${query}`);
}

/** The target of one machine, once `check` passes. */
export function targetWhen(api: ApiClient, id: string, machineId: string, check: (state: string) => boolean, timeoutMs = 30_000) {
  return waitFor(
    `target ${machineId} of ${id}`,
    async () => {
      const detail = await api.call<DeploymentDetail>('GET', `/api/v1/deployments/${id}`);
      const target = detail.targets.find((t) => t.machineId === machineId);
      return target && check(target.state) ? target : undefined;
    },
    timeoutMs,
    100,
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive with its files stored uncompressed: enough for a package's unzip step. */
export function storedZip(files: Record<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
