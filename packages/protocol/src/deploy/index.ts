export * from './target-states.js';
export * from './job-frames.js';
export * from './windows.js';
export * from './deploy-commands.js';
