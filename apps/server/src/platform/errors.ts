import type { ErrorCode } from '@pons/protocol';

/**
 * The one error type services throw. It carries a stable code and a sentence for a person;
 * the HTTP status and the CLI exit code are derived from the code, never chosen at the throw site.
 */
export class PonsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PonsError';
  }
}

export const isPonsError = (error: unknown): error is PonsError => error instanceof PonsError;

const httpStatus: Record<ErrorCode, number> = {
  PONS_E_VALIDATION: 400,
  PONS_E_PAYLOAD_TOO_LARGE: 413,
  PONS_E_NOT_FOUND: 404,
  PONS_E_ROUTE_NOT_FOUND: 404,
  PONS_E_CONFLICT: 409,
  PONS_E_UNAUTHENTICATED: 401,
  PONS_E_INVALID_CREDENTIALS: 401,
  PONS_E_PASSWORD_CHANGE_REQUIRED: 403,
  PONS_E_PASSWORD_POLICY: 400,
  PONS_E_FORBIDDEN: 403,
  PONS_E_CSRF: 403,
  PONS_E_BANNED: 429,
  PONS_E_MACHINE_NOT_FOUND: 404,
  PONS_E_MACHINE_AMBIGUOUS: 409,
  PONS_E_MACHINE_OFFLINE: 409,
  PONS_E_ENTITY_NOT_FOUND: 404,
  PONS_E_TOKEN_NOT_FOUND: 404,
  PONS_E_TOKEN_INVALID: 401,
  PONS_E_TOKEN_EXPIRED: 401,
  PONS_E_TOKEN_EXHAUSTED: 401,
  PONS_E_TOKEN_REVOKED: 401,
  PONS_E_ENROLL_DUPLICATE_HARDWARE: 409,
  PONS_E_PROTOCOL: 400,
  PONS_E_PROTOCOL_VERSION: 400,
  PONS_E_FRAME_INVALID: 400,
  PONS_E_FRAME_TOO_LARGE: 413,
  PONS_E_AUTH_FAILED: 401,
  PONS_E_UNKNOWN_MACHINE: 401,
  PONS_E_SIGNATURE_INVALID: 401,
  PONS_E_COMMAND_TIMEOUT: 504,
  PONS_E_COMMAND_NOT_FOUND: 404,
  PONS_E_COMMAND_EXPIRED: 410,
  PONS_E_COMMAND_LOST: 502,
  PONS_E_PACKAGE_NOT_FOUND: 404,
  PONS_E_PACKAGE_AMBIGUOUS: 409,
  PONS_E_PACKAGE_EXISTS: 409,
  PONS_E_PACKAGE_INVALID: 422,
  PONS_E_PACKAGE_NOT_PENDING: 409,
  PONS_E_PACKAGE_NOT_SUBMITTED: 409,
  PONS_E_DEPLOYMENT_NOT_FOUND: 404,
  PONS_E_GROUP_NOT_FOUND: 404,
  PONS_E_GROUP_EXISTS: 409,
  PONS_E_PACKAGE_VERSION_EXISTS: 409,
  PONS_E_PACKAGE_ARCHIVE_INVALID: 400,
  PONS_E_FILE_NOT_FOUND: 404,
  PONS_E_HASH_MISMATCH: 400,
  PONS_E_CONFIG: 500,
  PONS_E_INTERNAL: 500,
  PONS_E_UNAVAILABLE: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return httpStatus[code];
}
