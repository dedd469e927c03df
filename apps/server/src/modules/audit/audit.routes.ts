import { AuditLogExportQuery, AuditLogPage, AuditLogQuery, type AuditLogEntry } from '@pons/protocol';
import { sendExport } from '../../platform/csv.js';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import type { AuditLog } from './audit-log.js';

const tags = ['audit'];
const HEADER = [
  'time',
  'actor',
  'address',
  'action',
  'object_type',
  'object_id',
  'object_name',
  'entity_id',
  'outcome',
  'error_code',
  'details',
];

const fields = (e: AuditLogEntry) => [
  new Date(e.at).toISOString(),
  e.actor,
  e.address,
  e.action,
  e.objectType,
  e.objectId,
  e.objectName,
  e.entityId,
  e.outcome,
  e.errorCode,
  e.details ? JSON.stringify(e.details) : null,
];

export function auditRoutes(app: App, audit: AuditLog): void {
  app.get(
    '/api/v1/audit',
    {
      config: { access: access.feature('history', 'ro') },
      schema: { tags, summary: 'Search the audit log, newest first', querystring: AuditLogQuery, response: responses(AuditLogPage) },
    },
    async (request) => audit.page(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { access: access.feature('history', 'ro') },
      schema: { tags, summary: 'The matching audit lines as a CSV or JSON file', querystring: AuditLogExportQuery },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const lines = audit.all(requirePrincipal(request), filters);
      return sendExport(reply, 'audit', format, HEADER, lines, fields);
    },
  );
}
