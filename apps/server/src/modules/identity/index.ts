export { IdentityService, SESSION_COOKIE, type SessionPolicy } from './identity.service.js';
export { IdentityRepository } from './identity.repository.js';
export { identityRoutes } from './identity.routes.js';
export { EntityTree } from './entity-tree.js';
export { inScope } from './principal.js';
