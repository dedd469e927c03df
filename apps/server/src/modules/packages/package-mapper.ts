import type {
  Checks,
  PackageDescriptor,
  PackageDetail,
  PackageOs,
  PackageSummary,
  PackageVersion,
  PackageVersionSummary,
  Sequences,
} from '@pons/protocol';
import type { PackageFilesTable } from '../../platform/db/tables.js';
import type { PackageRow, VersionRow } from './packages.repository.js';

export function presentVersion(row: VersionRow, files: PackageFilesTable[]): PackageVersion {
  return {
    packageId: row.package_id,
    revision: row.revision,
    version: row.version,
    status: row.status === 'submitted' ? 'submitted' : 'pending',
    description: row.description,
    os: JSON.parse(row.os) as PackageOs[],
    sequences: JSON.parse(row.sequences) as Sequences,
    checks: JSON.parse(row.checks) as Checks,
    files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size })),
    size: files.reduce((sum, f) => sum + f.size, 0),
    createdAt: row.created_at,
    createdBy: row.created_by,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    digest: row.digest,
  };
}

function summarizeVersion(row: VersionRow): PackageVersionSummary {
  return {
    revision: row.revision,
    version: row.version,
    status: row.status === 'submitted' ? 'submitted' : 'pending',
    size: row.size,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
  };
}

/** `versions` newest first. */
export function presentSummary(pkg: PackageRow, versions: VersionRow[]): PackageSummary {
  const latest = versions.find((v) => v.status === 'submitted');
  const pending = versions.find((v) => v.status === 'pending');
  const shown = pending ?? latest;
  return {
    id: pkg.id,
    name: pkg.name,
    entityId: pkg.entity_id,
    entityName: pkg.entity_name,
    createdAt: pkg.created_at,
    createdBy: pkg.created_by,
    latest: latest ? summarizeVersion(latest) : null,
    pending: pending ? summarizeVersion(pending) : null,
    os: shown ? (JSON.parse(shown.os) as PackageOs[]) : [],
    description: shown?.description ?? '',
  };
}

export function presentDetail(pkg: PackageRow, versions: VersionRow[], current: PackageVersion): PackageDetail {
  return { ...presentSummary(pkg, versions), versions: versions.map(summarizeVersion), current };
}

/** The descriptor a machine runs; its canonical JSON's SHA-256 is the version's digest. */
export function describeVersion(pkg: Pick<PackageRow, 'name'>, version: PackageVersion): PackageDescriptor {
  return {
    format: 1,
    name: pkg.name,
    version: version.version,
    description: version.description,
    os: version.os,
    sequences: version.sequences,
    checks: version.checks,
    files: version.files,
  };
}
