export * from './steps.js';
export * from './return-code.js';
export * from './template.js';
export * from './descriptor.js';
export * from './sequence-check.js';
