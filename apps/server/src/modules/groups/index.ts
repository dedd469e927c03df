export { GroupsService } from './groups.service.js';
export { groupsRoutes } from './groups.routes.js';
