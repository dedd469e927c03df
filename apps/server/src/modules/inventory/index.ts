export { InventoryService } from './inventory.service.js';
export { inventoryRoutes } from './inventory.routes.js';
