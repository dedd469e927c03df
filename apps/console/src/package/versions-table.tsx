import type { PackageVersionSummary } from '@pons/protocol';
import { urls } from '../api.js';
import { bytes, dateTime } from '../format.js';
import { Link } from '../router.js';
import { newDeploymentPath } from '../routes.js';
import { RelativeTime } from '../ui/relative-time.js';

/** Every version, newest first: submitted ones can be exported and deployed. */
export function VersionsTable({ packageId, versions }: { packageId: string; versions: PackageVersionSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="grid versions">
        <thead>
          <tr>
            <th scope="col" className="num">
              Revision
            </th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Created</th>
            <th scope="col">Submitted</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.revision}>
              <td className="num">{v.revision}</td>
              <td>{v.version}</td>
              <td>
                <span className={`badge badge-${v.status}`}>{v.status}</span>
              </td>
              <td className="num">{bytes(v.size)}</td>
              <td className="nowrap" title={dateTime(v.createdAt)}>
                <RelativeTime at={v.createdAt} />
              </td>
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
          ))}
        </tbody>
      </table>
    </div>
  );
}
