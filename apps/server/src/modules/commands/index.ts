export { CommandsService, toStored, type CommandDelivery, type StoredCommand } from './commands.service.js';
export { commandsRoutes } from './commands.routes.js';
