import type { MachineSummary } from '@pons/protocol';
import { offlineReasonLabels } from '@pons/protocol';
import { RelativeTime } from './relative-time.js';

type Presence = Pick<MachineSummary, 'status' | 'statusSince' | 'offlineReason'>;

export const reasonText = (machine: Presence): string | null =>
  machine.status === 'offline' && machine.offlineReason ? offlineReasonLabels[machine.offlineReason] : null;

/** `online` / `offline`, then why (when offline) and since when. */
export function StatusBadge({ machine, testId }: { machine: Presence; testId?: string }) {
  const reason = reasonText(machine);
  return (
    <span className="status" data-testid={testId}>
      <span className={`badge badge-${machine.status}`}>{machine.status}</span>
      {reason && <span className="reason">{reason}</span>}
      <span className="since">
        <RelativeTime at={machine.statusSince} mode="for" label={machine.status === 'online' ? 'Online since' : 'Offline since'} />
      </span>
    </span>
  );
}
