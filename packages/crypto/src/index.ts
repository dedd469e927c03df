export * from './canonical-json.js';
export * from './ed25519.js';
export * from './channel-signatures.js';
export * from './target-set.js';
export * from './fingerprint.js';
export * from './pinned-tls.js';
export * from './probe-chain.js';
export * from './random-pool.js';
