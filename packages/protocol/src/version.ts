/**
 * Version of the agent channel protocol. Bumped when a frame changes incompatibly.
 * 2: a command to several machines may be signed once for the set, each frame carrying its
 *    machine's `targetProof`; agents of protocol 1 still get a signature of their own.
 */
export const PROTOCOL_VERSION = 2;
/** Oldest protocol version a server of this release still accepts. */
export const MIN_PROTOCOL_VERSION = 1;
/** First protocol version whose agents understand `targetProof` on a command. */
export const TARGET_PROOF_PROTOCOL = 2;
