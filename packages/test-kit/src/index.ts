export * from './api-client.js';
export * from './free-port.js';
export * from './postgres.js';
export * from './processes.js';
export * from './wait.js';
export * from './tcp-relay.js';
export * from './slapd.js';
export * from './oidc-provider.js';
