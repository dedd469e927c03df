import type { DeploymentSummary } from '@pons/protocol';
import { bytes, dateTime } from '../format.js';
import { Facts } from '../machine/facts.js';
import { Link } from '../router.js';
import { packagePath } from '../routes.js';
import { countsText } from '../deployments/target-states.js';

export function DeploymentSummaryPanel({ summary }: { summary: DeploymentSummary }) {
  return (
    <div className="summary panel">
      <Facts
        title="What"
        facts={[
          [
            'Package',
            <>
              <Link to={packagePath(summary.packageId)}>{summary.packageName}</Link> {summary.version}{' '}
              <span className="muted">(revision {summary.revision})</span>
            </>,
          ],
          ['Created', `${dateTime(summary.createdAt)} by ${summary.createdBy}`],
          ['Machines', <span data-testid="deployment-counts">{`${countsText(summary.counts) || '—'} (of ${summary.total})`}</span>],
        ]}
      />
      <Facts
        title="When"
        facts={[
          ['Start', dateTime(summary.startAt)],
          ['End', dateTime(summary.endAt)],
          ['Hours', summary.windows ?? 'any time'],
          ['Wake-on-LAN', summary.wakeOnLan ? 'yes' : 'no'],
        ]}
      />
      <Facts
        title="Limits"
        facts={[
          ['Machines at once', summary.maxConcurrent ?? 'no limit'],
          ['Download limit', summary.maxBytesPerSecond === null ? 'no limit' : `${bytes(summary.maxBytesPerSecond)}/s per machine`],
          ['Retries', summary.retries],
        ]}
      />
    </div>
  );
}
