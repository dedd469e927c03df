import type { ErrorCode } from '@pons/protocol';

/**
 * Exit codes of the `pons` command. Scripts rely on them: a number never changes meaning.
 * Every API error code maps to one of them here and nowhere else.
 */
export const ExitCode = {
  ok: 0,
  generic: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  forbidden: 5,
  conflict: 6,
  unreachable: 7,
  banned: 8,
  /** Ctrl-C at a prompt, as shells report SIGINT. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const byCode: Record<ErrorCode, ExitCode> = {
  PONS_E_VALIDATION: ExitCode.usage,
  PONS_E_PAYLOAD_TOO_LARGE: ExitCode.usage,
  PONS_E_NOT_FOUND: ExitCode.notFound,
  // The route is unknown: the server is another version, not the thing the user named.
  PONS_E_ROUTE_NOT_FOUND: ExitCode.generic,
  PONS_E_CONFLICT: ExitCode.conflict,
  PONS_E_UNAUTHENTICATED: ExitCode.auth,
  PONS_E_INVALID_CREDENTIALS: ExitCode.auth,
  PONS_E_PASSWORD_CHANGE_REQUIRED: ExitCode.auth,
  PONS_E_PASSWORD_POLICY: ExitCode.usage,
  PONS_E_FORBIDDEN: ExitCode.forbidden,
  PONS_E_CSRF: ExitCode.forbidden,
  PONS_E_BANNED: ExitCode.banned,
  PONS_E_SECOND_FACTOR_REQUIRED: ExitCode.auth,
  PONS_E_SECOND_FACTOR_INVALID: ExitCode.auth,
  PONS_E_LDAP: ExitCode.generic,
  PONS_E_OIDC: ExitCode.generic,
  PONS_E_USER_NOT_FOUND: ExitCode.notFound,
  PONS_E_USER_EXISTS: ExitCode.conflict,
  PONS_E_PROFILE_NOT_FOUND: ExitCode.notFound,
  PONS_E_PROFILE_IN_USE: ExitCode.conflict,
  PONS_E_ENTITY_EXISTS: ExitCode.conflict,
  PONS_E_ENTITY_NOT_EMPTY: ExitCode.conflict,
  PONS_E_API_TOKEN_INVALID: ExitCode.auth,
  PONS_E_PROVIDER_NOT_FOUND: ExitCode.notFound,
  PONS_E_MACHINE_NOT_FOUND: ExitCode.notFound,
  PONS_E_MACHINE_AMBIGUOUS: ExitCode.conflict,
  PONS_E_MACHINE_OFFLINE: ExitCode.conflict,
  PONS_E_ENTITY_NOT_FOUND: ExitCode.notFound,
  PONS_E_TOKEN_NOT_FOUND: ExitCode.notFound,
  PONS_E_TOKEN_INVALID: ExitCode.generic,
  PONS_E_TOKEN_EXPIRED: ExitCode.generic,
  PONS_E_TOKEN_EXHAUSTED: ExitCode.generic,
  PONS_E_TOKEN_REVOKED: ExitCode.generic,
  PONS_E_ENROLL_DUPLICATE_HARDWARE: ExitCode.conflict,
  PONS_E_PROTOCOL: ExitCode.generic,
  PONS_E_PROTOCOL_VERSION: ExitCode.generic,
  PONS_E_FRAME_INVALID: ExitCode.generic,
  PONS_E_FRAME_TOO_LARGE: ExitCode.generic,
  PONS_E_AUTH_FAILED: ExitCode.auth,
  PONS_E_UNKNOWN_MACHINE: ExitCode.generic,
  PONS_E_SIGNATURE_INVALID: ExitCode.generic,
  PONS_E_COMMAND_TIMEOUT: ExitCode.generic,
  PONS_E_COMMAND_NOT_FOUND: ExitCode.notFound,
  PONS_E_COMMAND_EXPIRED: ExitCode.generic,
  PONS_E_COMMAND_LOST: ExitCode.generic,
  PONS_E_PACKAGE_NOT_FOUND: ExitCode.notFound,
  PONS_E_PACKAGE_AMBIGUOUS: ExitCode.conflict,
  PONS_E_PACKAGE_EXISTS: ExitCode.conflict,
  PONS_E_PACKAGE_INVALID: ExitCode.usage,
  PONS_E_PACKAGE_NOT_PENDING: ExitCode.conflict,
  PONS_E_PACKAGE_NOT_SUBMITTED: ExitCode.conflict,
  PONS_E_DEPLOYMENT_NOT_FOUND: ExitCode.notFound,
  PONS_E_GROUP_NOT_FOUND: ExitCode.notFound,
  PONS_E_GROUP_EXISTS: ExitCode.conflict,
  PONS_E_PACKAGE_VERSION_EXISTS: ExitCode.conflict,
  PONS_E_PACKAGE_ARCHIVE_INVALID: ExitCode.usage,
  PONS_E_FILE_NOT_FOUND: ExitCode.notFound,
  PONS_E_HASH_MISMATCH: ExitCode.usage,
  PONS_E_FILE_ACCESS: ExitCode.forbidden,
  PONS_E_FILE_EXISTS: ExitCode.conflict,
  PONS_E_TUNNEL_TARGET: ExitCode.unreachable,
  PONS_E_TUNNEL_NOT_FOUND: ExitCode.notFound,
  PONS_E_TUNNEL_BROKEN: ExitCode.unreachable,
  PONS_E_TUNNEL_TIMEOUT: ExitCode.unreachable,
  PONS_E_REMOTE_DISABLED: ExitCode.conflict,
  PONS_E_CONSENT_REFUSED: ExitCode.forbidden,
  PONS_E_WAKE_NO_ADDRESS: ExitCode.conflict,
  PONS_E_CONFIG: ExitCode.generic,
  PONS_E_INTERNAL: ExitCode.generic,
  PONS_E_UNAVAILABLE: ExitCode.unreachable,
};

/** For codes this CLI does not know yet (a newer server): fall back on the HTTP status. */
function byStatus(status: number): ExitCode {
  if (status === 400 || status === 413) return ExitCode.usage;
  if (status === 401) return ExitCode.auth;
  if (status === 403) return ExitCode.forbidden;
  if (status === 404) return ExitCode.notFound;
  if (status === 409) return ExitCode.conflict;
  if (status === 429) return ExitCode.banned;
  if (status === 502 || status === 503 || status === 504) return ExitCode.unreachable;
  return ExitCode.generic;
}

/** An error the server answered with: `{ error: { code, message } }` and its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | undefined,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get exitCode(): ExitCode {
    return this.code ? byCode[this.code] : byStatus(this.status);
  }
}

/** An error found on this side (bad input, no session, unreachable server), with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, hint?: string) => new CliError(message, ExitCode.usage, hint);

export interface Report {
  exitCode: ExitCode;
  message: string;
  hint?: string;
}

export const SECOND_FACTOR_HINT = 'run "pons login" again with the current code of your app, or with one of your recovery codes';

function apiHint(error: ApiError, now: number): string | undefined {
  switch (error.code) {
    case 'PONS_E_PASSWORD_CHANGE_REQUIRED':
      return 'run "pons password" to choose a new password';
    case 'PONS_E_UNAUTHENTICATED':
      return 'your session has expired or was ended; run "pons login" again';
    case 'PONS_E_SECOND_FACTOR_INVALID':
      return SECOND_FACTOR_HINT;
    case 'PONS_E_BANNED':
      if (error.retryAfterSeconds === undefined) return undefined;
      return `the ban ends at ${new Date(now + error.retryAfterSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    case 'PONS_E_MACHINE_AMBIGUOUS': {
      const ids = error.details.ids;
      return Array.isArray(ids) ? `matching ids: ${ids.map(String).join(', ')}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The one place that turns any failure into an exit code and a sentence for the user. */
export function describeError(error: unknown, now = Date.now()): Report {
  if (error instanceof ApiError) {
    const message = error.code ? `${error.message} (${error.code})` : error.message;
    const hint = apiHint(error, now);
    return { exitCode: error.exitCode, message, ...(hint ? { hint } : {}) };
  }
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: ExitCode.generic, message: `unexpected error: ${message}`, hint: 'set PONS_DEBUG=1 to see the stack trace' };
}
