import type { DeploymentSummary } from '@pons/protocol';
import { bytes, dateTime } from '../format.js';
import { Facts } from '../machine/facts.js';
import { Link } from '../router.js';
import { packagePath } from '../routes.js';
import { countsText } from '../deployments/target-states.js';
import { RelativeTime } from '../ui/relative-time.js';

/** The server's end for a converging deployment given none: a hundred years on. */
const OPEN_ENDED_MS = 50 * 365 * 86_400_000;

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
          ['End', summary.converge && summary.endAt - summary.startAt > OPEN_ENDED_MS ? 'none' : dateTime(summary.endAt)],
          ['Hours', summary.windows ?? 'any time'],
          ['Wake-on-LAN', summary.wakeOnLan ? 'yes' : 'no'],
          [
            'Kept applied',
            summary.converge ? (
              <>
                yes <span className="muted">· last checked</span> <RelativeTime at={summary.convergedAt} empty="not yet" />
              </>
            ) : (
              'no'
            ),
          ],
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
