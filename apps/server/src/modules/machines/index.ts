export { MachinesService, type EnrollmentInput } from './machines.service.js';
export { PresenceWriter } from './presence-writer.js';
export { machinesRoutes } from './machines.routes.js';
export { resolveIdentity } from './identity-key.js';
export { toSummary } from './machine-mapper.js';
export { machinesExportRoutes } from './machines-export.routes.js';
export type { MachineRow } from './machines.repository.js';
