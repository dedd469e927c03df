import type { MouseEvent } from 'react';
import type { PackageSummary } from '@pons/protocol';
import { bytes } from '../format.js';
import { isPlainClick, Link, navigate } from '../router.js';
import { packagePath } from '../routes.js';
import { osList } from '../ui/os-checks.js';
import { RelativeTime } from '../ui/relative-time.js';

export function PackageTable({ packages, loading, emptyText }: { packages: PackageSummary[]; loading: boolean; emptyText: string }) {
  return (
    <div className="table-wrap">
      <table className="grid packages" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Version</th>
            <th scope="col">Being edited</th>
            <th scope="col">Systems</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Entity</th>
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {packages.map((pkg) => (
            <PackageRow key={pkg.id} pkg={pkg} />
          ))}
          {packages.length === 0 && (
            <tr>
              <td colSpan={7} className="empty-row">
                {loading ? 'Loading…' : emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function PackageRow({ pkg }: { pkg: PackageSummary }) {
  const path = packagePath(pkg.id);
  const open = (event: MouseEvent) => {
    if (!isPlainClick(event) || (event.target as HTMLElement).closest('a')) return;
    if (window.getSelection()?.toString()) return;
    navigate(path);
  };
  const size = (pkg.latest ?? pkg.pending)?.size;
  return (
    <tr className="clickable" data-testid={`package-row-${pkg.name}`} onClick={open}>
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
    </tr>
  );
}
