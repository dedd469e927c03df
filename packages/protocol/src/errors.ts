import { Type } from '@sinclair/typebox';

/**
 * Stable error codes shared by the server, the agent and the CLI. A code never changes meaning
 * once released; HTTP statuses and CLI exit codes are mapped from it in one place on each side.
 */
export const ErrorCodes = [
  // request shape
  'PONS_E_VALIDATION',
  'PONS_E_PAYLOAD_TOO_LARGE',
  'PONS_E_NOT_FOUND',
  'PONS_E_ROUTE_NOT_FOUND',
  'PONS_E_CONFLICT',
  // authentication and authorisation
  'PONS_E_UNAUTHENTICATED',
  'PONS_E_INVALID_CREDENTIALS',
  'PONS_E_PASSWORD_CHANGE_REQUIRED',
  'PONS_E_PASSWORD_POLICY',
  'PONS_E_FORBIDDEN',
  'PONS_E_CSRF',
  'PONS_E_BANNED',
  'PONS_E_SECOND_FACTOR_REQUIRED',
  'PONS_E_SECOND_FACTOR_INVALID',
  'PONS_E_LDAP',
  'PONS_E_OIDC',
  'PONS_E_USER_NOT_FOUND',
  'PONS_E_USER_EXISTS',
  'PONS_E_PROFILE_NOT_FOUND',
  'PONS_E_PROFILE_IN_USE',
  'PONS_E_ENTITY_EXISTS',
  'PONS_E_ENTITY_NOT_EMPTY',
  'PONS_E_API_TOKEN_INVALID',
  'PONS_E_PROVIDER_NOT_FOUND',
  // machines and enrollment
  'PONS_E_MACHINE_NOT_FOUND',
  'PONS_E_MACHINE_AMBIGUOUS',
  'PONS_E_MACHINE_OFFLINE',
  'PONS_E_ENTITY_NOT_FOUND',
  'PONS_E_TOKEN_NOT_FOUND',
  'PONS_E_TOKEN_INVALID',
  'PONS_E_TOKEN_EXPIRED',
  'PONS_E_TOKEN_EXHAUSTED',
  'PONS_E_TOKEN_REVOKED',
  'PONS_E_ENROLL_DUPLICATE_HARDWARE',
  // agent channel
  'PONS_E_PROTOCOL',
  'PONS_E_PROTOCOL_VERSION',
  'PONS_E_FRAME_INVALID',
  'PONS_E_FRAME_TOO_LARGE',
  'PONS_E_AUTH_FAILED',
  'PONS_E_UNKNOWN_MACHINE',
  'PONS_E_SIGNATURE_INVALID',
  'PONS_E_COMMAND_TIMEOUT',
  'PONS_E_COMMAND_NOT_FOUND',
  'PONS_E_COMMAND_EXPIRED',
  'PONS_E_COMMAND_LOST',
  // packages and their files
  'PONS_E_PACKAGE_NOT_FOUND',
  'PONS_E_PACKAGE_AMBIGUOUS',
  'PONS_E_PACKAGE_EXISTS',
  'PONS_E_PACKAGE_INVALID',
  'PONS_E_PACKAGE_NOT_PENDING',
  'PONS_E_PACKAGE_NOT_SUBMITTED',
  'PONS_E_DEPLOYMENT_NOT_FOUND',
  'PONS_E_GROUP_NOT_FOUND',
  'PONS_E_GROUP_EXISTS',
  'PONS_E_PACKAGE_VERSION_EXISTS',
  'PONS_E_PACKAGE_ARCHIVE_INVALID',
  'PONS_E_FILE_NOT_FOUND',
  'PONS_E_HASH_MISMATCH',
  'PONS_E_FILE_ACCESS',
  'PONS_E_FILE_EXISTS',
  // remote sessions
  'PONS_E_TUNNEL_TARGET',
  'PONS_E_TUNNEL_NOT_FOUND',
  'PONS_E_TUNNEL_BROKEN',
  'PONS_E_TUNNEL_TIMEOUT',
  'PONS_E_REMOTE_DISABLED',
  'PONS_E_CONSENT_REFUSED',
  'PONS_E_WAKE_NO_ADDRESS',
  // server side
  'PONS_E_CONFIG',
  'PONS_E_INTERNAL',
  'PONS_E_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];
export const ErrorCode = Type.Union(ErrorCodes.map((code) => Type.Literal(code)));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value);
}
