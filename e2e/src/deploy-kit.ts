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
