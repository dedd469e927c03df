/**
 * The parts of the protocol that build no schema: plain functions and constants. The console
 * imports them from `@pons/protocol/pure`, so that its bundle does not carry the schema library
 * (the main entry builds every schema when it loads).
 */
export * from './package/labels.js';
export * from './package/return-code.js';
export * from './package/sequence-check.js';
export * from './deploy/target-state-rules.js';
export * from './access-rules.js';
