export { IdentityService } from './identity.service.js';
export { IdentityRepository } from './identity.repository.js';
export { buildIdentity, type IdentityModule } from './identity-module.js';
export { SESSION_COOKIE, API_TOKEN_PREFIX, type SessionPolicy } from './sessions.js';
export { EntityTree } from './entity-tree.js';
export { inScope } from './principal.js';
