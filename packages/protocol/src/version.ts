/** Version of the agent channel protocol. Bumped when a frame changes incompatibly. */
export const PROTOCOL_VERSION = 1;
/** Oldest protocol version a server of this release still accepts. */
export const MIN_PROTOCOL_VERSION = 1;
