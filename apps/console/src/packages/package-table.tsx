import type { PackageSummary } from '@pons/protocol';
import { bytes } from '../format.js';
import { Link } from '../router.js';
import { packagePath } from '../routes.js';
import { DataTable, LinkRow } from '../ui/data-table.js';
import { osList } from '../ui/os-checks.js';
import { RelativeTime } from '../ui/relative-time.js';

const COLUMNS = ['Name', 'Version', 'Being edited', 'Systems', { label: 'Size', num: true }, 'Entity', 'Submitted'];

export function PackageTable({ packages, loading, emptyText }: { packages: PackageSummary[]; loading: boolean; emptyText: string }) {
  return (
    <DataTable
      className="grid packages"
      loading={loading}
      columns={COLUMNS}
      rows={packages}
      empty={emptyText}
      row={(pkg) => <PackageRow key={pkg.id} pkg={pkg} />}
    />
  );
}

function PackageRow({ pkg }: { pkg: PackageSummary }) {
  const path = packagePath(pkg.id);
  const size = (pkg.latest ?? pkg.pending)?.size;
  return (
    <LinkRow to={path} testId={`package-row-${pkg.name}`}>
      <td className="name">
        <Link to={path}>{pkg.name}</Link>
        {pkg.description && <div className="muted clip">{pkg.description}</div>}
      </td>
      <td>{pkg.latest ? pkg.latest.version : <span className="muted">not submitted</span>}</td>
      <td>{pkg.pending && <span className="badge badge-pending">{pkg.pending.version} pending</span>}</td>
      <td>{osList(pkg.os)}</td>
      <td className="num">{size === undefined ? '—' : bytes(size)}</td>
      <td>{pkg.entityName}</td>
      <td className="nowrap">
        {pkg.latest?.submittedAt ? (
          <RelativeTime at={pkg.latest.submittedAt} label={`Submitted by ${pkg.latest.submittedBy ?? '?'}`} />
        ) : (
          '—'
        )}
      </td>
    </LinkRow>
  );
}
