export { PackagesService } from './packages.service.js';
export { packagesRoutes } from './packages.routes.js';
