export { AuditLog } from './audit-log.js';
export { auditRoutes } from './audit.routes.js';
