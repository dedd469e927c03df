import type { DeploymentSummary } from '@pons/protocol';
import { Link } from '../router.js';
import { deploymentPath, packagePath } from '../routes.js';
import { DataTable, LinkRow } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';
import { countsText } from './target-states.js';

export function DeploymentTable({ deployments, loading }: { deployments: DeploymentSummary[]; loading: boolean }) {
  return (
    <DataTable
      className="grid deployments"
      loading={loading}
      columns={['Title', 'Package', 'Status', 'Machines', 'Created', 'By']}
      rows={deployments}
      empty="No deployments yet."
      row={(d) => <DeploymentRow key={d.id} deployment={d} />}
    />
  );
}

function DeploymentRow({ deployment: d }: { deployment: DeploymentSummary }) {
  const path = deploymentPath(d.id);
  return (
    <LinkRow to={path} testId={`deployment-row-${d.id}`}>
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
      <TimeCell at={d.createdAt} titled />
      <td>{d.createdBy}</td>
    </LinkRow>
  );
}
