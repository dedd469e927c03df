import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@pons/protocol';
import { ApiError, CliError, describeError, ExitCode } from './errors.js';

describe('exit codes', () => {
  it.each([
    ['PONS_E_UNAUTHENTICATED', ExitCode.auth],
    ['PONS_E_INVALID_CREDENTIALS', ExitCode.auth],
    ['PONS_E_PASSWORD_CHANGE_REQUIRED', ExitCode.auth],
    ['PONS_E_MACHINE_NOT_FOUND', ExitCode.notFound],
    ['PONS_E_TOKEN_NOT_FOUND', ExitCode.notFound],
    ['PONS_E_ENTITY_NOT_FOUND', ExitCode.notFound],
    ['PONS_E_FORBIDDEN', ExitCode.forbidden],
    ['PONS_E_MACHINE_AMBIGUOUS', ExitCode.conflict],
    ['PONS_E_MACHINE_OFFLINE', ExitCode.conflict],
    ['PONS_E_BANNED', ExitCode.banned],
    ['PONS_E_VALIDATION', ExitCode.usage],
    ['PONS_E_PASSWORD_POLICY', ExitCode.usage],
    ['PONS_E_UNAVAILABLE', ExitCode.unreachable],
    ['PONS_E_INTERNAL', ExitCode.generic],
  ] as const)('maps %s to %i', (code, exit) => {
    expect(new ApiError(400, code, 'x').exitCode).toBe(exit);
  });

  it('maps every known code to a documented exit code', () => {
    const documented = new Set<number>(Object.values(ExitCode));
    for (const code of ErrorCodes) expect(documented.has(new ApiError(500, code, 'x').exitCode)).toBe(true);
  });

  it('falls back on the HTTP status for a code this CLI does not know', () => {
    expect(new ApiError(404, undefined, 'x').exitCode).toBe(ExitCode.notFound);
    expect(new ApiError(401, undefined, 'x').exitCode).toBe(ExitCode.auth);
    expect(new ApiError(429, undefined, 'x').exitCode).toBe(ExitCode.banned);
    expect(new ApiError(503, undefined, 'x').exitCode).toBe(ExitCode.unreachable);
    expect(new ApiError(500, undefined, 'x').exitCode).toBe(ExitCode.generic);
  });
});

describe('describeError', () => {
  it('gives the server message with its code and a hint to change the password', () => {
    const report = describeError(new ApiError(403, 'PONS_E_PASSWORD_CHANGE_REQUIRED', 'Choose a new password.'));
    expect(report).toEqual({
      exitCode: 3,
      message: 'Choose a new password. (PONS_E_PASSWORD_CHANGE_REQUIRED)',
      hint: 'run "pons password" to choose a new password',
    });
  });

  it('lists the ids of an ambiguous hostname', () => {
    const report = describeError(new ApiError(409, 'PONS_E_MACHINE_AMBIGUOUS', '2 machines are called "a".', { ids: ['m1', 'm2'] }));
    expect(report.hint).toBe('matching ids: m1, m2');
  });

  it('says when a ban ends', () => {
    const report = describeError(
      new ApiError(429, 'PONS_E_BANNED', 'Too many failed attempts.', {}, 60),
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(report).toMatchObject({ exitCode: 8, hint: 'the ban ends at 2026-01-01 00:01:00 UTC' });
  });

  it('keeps the exit code and hint of a local error', () => {
    expect(describeError(new CliError('not logged in', ExitCode.auth, 'run pons login'))).toEqual({
      exitCode: 3,
      message: 'not logged in',
      hint: 'run pons login',
    });
  });

  it('reports an unexpected error as generic, without its stack', () => {
    const report = describeError(new TypeError('x is undefined'));
    expect(report.exitCode).toBe(1);
    expect(report.message).toBe('unexpected error: x is undefined');
  });
});
