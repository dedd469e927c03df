import type { AuditRecord } from '../../platform/http/audit-hook.js';

/** An audit line with every field the caller does not know left empty. */
export function auditLine(fields: Pick<AuditRecord, 'action' | 'outcome'> & Partial<AuditRecord>): AuditRecord {
  return {
    actor: null,
    actorId: null,
    address: null,
    objectType: null,
    objectId: null,
    objectName: null,
    entityId: null,
    errorCode: null,
    details: null,
    ...fields,
  };
}
