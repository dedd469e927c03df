export * from './command-desk.js';
export * from './connect-scheduler.js';
export * from './sim-identity.js';
export * from './sim-inventory.js';
export * from './sim-options.js';
export * from './sim-stats.js';
export * from './simulator.js';
export * from './state-file.js';
