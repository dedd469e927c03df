export { InventoryService, type CommandSender } from './inventory.service.js';
export { inventoryRoutes } from './inventory.routes.js';
