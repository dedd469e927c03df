import type { AuditLogEntry } from '@pons/protocol';
import { dash, timestamp } from '../output/format.js';
import { renderTable } from '../output/table.js';

/** `user alice`: what the action was done to, as precisely as the line says. */
export function auditObject(entry: AuditLogEntry): string {
  return [entry.objectType, entry.objectName ?? entry.objectId].filter(Boolean).join(' ');
}

export function auditTable(entries: readonly AuditLogEntry[]): string {
  return renderTable(
    [{ header: 'TIME' }, { header: 'ACTOR' }, { header: 'ADDRESS' }, { header: 'ACTION' }, { header: 'OBJECT' }, { header: 'OUTCOME' }],
    entries.map((e) => [
      timestamp(e.at),
      dash(e.actor),
      dash(e.address),
      e.action,
      auditObject(e),
      e.outcome === 'failure' && e.errorCode ? `failure (${e.errorCode})` : e.outcome,
    ]),
  );
}
