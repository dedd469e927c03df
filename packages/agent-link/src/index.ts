export * from './agent-connection.js';
export * from './backoff.js';
export * from './command-guard.js';
export * from './fetch-ca.js';
export * from './link-error.js';
export * from './verified-signatures.js';
export * from './wake-on-lan.js';
