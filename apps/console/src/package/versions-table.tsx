import type { PackageVersionSummary } from '@pons/protocol';
import { urls } from '../api.js';
import { bytes } from '../format.js';
import { Link } from '../router.js';
import { newDeploymentPath } from '../routes.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';
import { RelativeTime, TimeCell } from '../ui/relative-time.js';

const COLUMNS = [{ label: 'Revision', num: true }, 'Version', 'Status', { label: 'Size', num: true }, 'Created', 'Submitted', ACTIONS];

/** Every version, newest first: submitted ones can be exported and deployed. */
export function VersionsTable({ packageId, versions }: { packageId: string; versions: PackageVersionSummary[] }) {
  return (
    <DataTable
      className="grid versions"
      columns={COLUMNS}
      rows={versions}
      row={(v) => (
        <tr key={v.revision}>
          <td className="num">{v.revision}</td>
          <td>{v.version}</td>
          <td>
            <span className={`badge badge-${v.status}`}>{v.status}</span>
          </td>
          <td className="num">{bytes(v.size)}</td>
          <TimeCell at={v.createdAt} titled />
          <td className="nowrap">
            {v.submittedAt ? (
              <>
                <RelativeTime at={v.submittedAt} /> <span className="muted">by {v.submittedBy}</span>
              </>
            ) : (
              '—'
            )}
          </td>
          <td className="actions">
            {v.status === 'submitted' && (
              <>
                <a href={urls.packageExport(packageId, v.revision)} download className="small-link">
                  Export
                </a>{' '}
                <Link to={newDeploymentPath(packageId, v.revision)} className="small-link">
                  Deploy…
                </Link>
              </>
            )}
          </td>
        </tr>
      )}
    />
  );
}
