import { memo, useState } from 'react';
import type { DeploymentSummary, DeploymentTarget } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Link } from '../router.js';
import { machinePath } from '../routes.js';
import { targetTone } from '../deployments/target-states.js';
import { Alert } from '../ui/alert.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';

interface Props {
  deploymentId: string;
  targets: DeploymentTarget[];
  total: number;
  onSummary: (summary: DeploymentSummary) => void;
}

const COLUMNS = ['Machine', { label: 'Attempt', num: true }, 'State', 'Since', { label: 'Exit code', num: true }, 'Message', ACTIONS];

/** Each machine's state in Medulla's words, kept current by the page's stream; a failure shows what happened and the last lines. */
export function TargetTable({ deploymentId, targets, total, onSummary }: Props) {
  const [error, setError] = useState<string | null>(null);
  const act = (action: 'stop' | 'restart', machineId: string) => {
    setError(null);
    const call = action === 'stop' ? api.stopDeployment : api.restartDeployment;
    call(deploymentId, [machineId]).then(onSummary, (failure: unknown) => setError(errorMessage(failure)));
  };
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <DataTable
        className="grid targets-table"
        wrap="table-wrap gap-below"
        columns={COLUMNS}
        rows={targets}
        row={(target) => <TargetRow key={target.machineId} target={target} act={act} />}
      />
      {targets.length < total && (
        <p className="table-foot muted">
          The first {targets.length} of {total} machines; the counts above cover them all.
        </p>
      )}
    </>
  );
}

const TargetRow = memo(function TargetRow({
  target,
  act,
}: {
  target: DeploymentTarget;
  act: (action: 'stop' | 'restart', machineId: string) => void;
}) {
  const tone = targetTone(target);
  return (
    <tr data-testid={`target-${target.hostname}`}>
      <td className="name">
        <Link to={machinePath(target.machineId)}>{target.hostname}</Link>
      </td>
      <td className="num">{target.attempt}</td>
      <td>
        <span className={`badge tone-${tone}`} data-testid={`target-state-${target.hostname}`}>
          {target.label}
        </span>
      </td>
      <TimeCell at={target.stateSince} titled />
      <td className="num mono">{target.exitCode ?? ''}</td>
      <td className="message">
        {target.message}
        {tone === 'failure' && target.lastLines.length > 0 && (
          <pre className="last-lines" aria-label="Last lines">
            {target.lastLines.join('\n')}
          </pre>
        )}
      </td>
      <td className="actions">
        {target.final ? (
          <button
            type="button"
            className="small"
            aria-label={`Restart ${target.hostname}`}
            onClick={() => act('restart', target.machineId)}
          >
            Restart
          </button>
        ) : (
          <button type="button" className="small" aria-label={`Stop ${target.hostname}`} onClick={() => act('stop', target.machineId)}>
            Stop
          </button>
        )}
      </td>
    </tr>
  );
});
