import type { AuditLogEntry } from '@pons/protocol';
import { dateTime } from '../format.js';
import { DataTable } from '../ui/data-table.js';

/** The object an entry acts on: its type, then its name (or id). */
const objectText = (entry: AuditLogEntry) => [entry.objectType, entry.objectName ?? entry.objectId].filter(Boolean).join(' ');

export function AuditTable({ entries }: { entries: AuditLogEntry[] | null }) {
  return (
    <DataTable
      className="grid audit-log"
      columns={['Time', 'Actor', 'Address', 'Action', 'Object', 'Outcome']}
      rows={entries}
      empty="No entry matches these filters."
      row={(entry) => (
        <tr key={entry.id} data-testid={`audit-row-${entry.id}`}>
          <td className="nowrap">
            <time dateTime={new Date(entry.at).toISOString()}>{dateTime(entry.at)}</time>
          </td>
          <td>{entry.actor ?? <span className="muted">unknown</span>}</td>
          <td className="mono">{entry.address ?? '—'}</td>
          <td>
            <span className="mono">{entry.action}</span>
            {entry.details && Object.keys(entry.details).length > 0 && (
              <details className="audit-details">
                <summary>Details</summary>
                <pre>{JSON.stringify(entry.details, null, 2)}</pre>
              </details>
            )}
          </td>
          <td className="clip" title={entry.objectId ?? undefined}>
            {objectText(entry) || <span className="muted">—</span>}
          </td>
          <td className="nowrap">
            <span className={`badge ${entry.outcome === 'success' ? 'tone-success' : 'tone-failure'}`}>{entry.outcome}</span>
            {entry.errorCode && <span className="mono error-code">{entry.errorCode}</span>}
          </td>
        </tr>
      )}
    />
  );
}
