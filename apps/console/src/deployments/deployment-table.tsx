import type { MouseEvent } from 'react';
import type { DeploymentSummary } from '@pons/protocol';
import { dateTime } from '../format.js';
import { isPlainClick, Link, navigate } from '../router.js';
import { deploymentPath, packagePath } from '../routes.js';
import { RelativeTime } from '../ui/relative-time.js';
import { countsText } from './target-states.js';

export function DeploymentTable({ deployments, loading }: { deployments: DeploymentSummary[]; loading: boolean }) {
  return (
    <div className="table-wrap">
      <table className="grid deployments" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Package</th>
            <th scope="col">Status</th>
            <th scope="col">Machines</th>
            <th scope="col">Created</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <DeploymentRow key={d.id} deployment={d} />
          ))}
          {deployments.length === 0 && (
            <tr>
              <td colSpan={6} className="empty-row">
                {loading ? 'Loading…' : 'No deployments yet.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function DeploymentRow({ deployment: d }: { deployment: DeploymentSummary }) {
  const path = deploymentPath(d.id);
  const open = (event: MouseEvent) => {
    if (!isPlainClick(event) || (event.target as HTMLElement).closest('a')) return;
    if (window.getSelection()?.toString()) return;
    navigate(path);
  };
  return (
    <tr className="clickable" data-testid={`deployment-row-${d.id}`} onClick={open}>
      <td className="name">
        <Link to={path}>{d.title}</Link>
      </td>
      <td>
        <Link to={packagePath(d.packageId)}>{d.packageName}</Link> <span className="muted">{d.version}</span>
      </td>
      <td>
        <span className={`badge badge-deploy-${d.status}`}>{d.status}</span>
        {d.converge && <span className="tag">kept applied</span>}
      </td>
      <td data-testid={`deployment-counts-${d.id}`}>
        {countsText(d.counts) || '—'} <span className="muted">of {d.total}</span>
      </td>
      <td className="nowrap" title={dateTime(d.createdAt)}>
        <RelativeTime at={d.createdAt} />
      </td>
      <td>{d.createdBy}</td>
    </tr>
  );
}
