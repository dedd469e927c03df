import type { ErrorCode } from '@pons/protocol';

/**
 * A connection attempt that failed. `fatal` errors will not cure themselves by retrying (a wrong
 * CA fingerprint, a refused token); others (network, server restart) will.
 */
export class LinkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fatal: boolean,
    readonly closeCode?: number,
    /** Nobody was listening (ECONNREFUSED): the server is restarting or stopped. */
    readonly refused = false,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}
