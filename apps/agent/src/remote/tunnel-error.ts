import type { ErrorCode } from '@pons/protocol';

/** Why a tunnel could not open, with the code and sentence the person who asked will see. */
export class TunnelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
