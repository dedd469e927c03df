import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths that may hold secrets anywhere in a logged object. pino removes them before the line is
 * written, so a careless `log.info({ body })` cannot leak a password or a token.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'privateKey',
  '*.privateKey',
  'downloadToken',
  '*.downloadToken',
  'bindPassword',
  '*.bindPassword',
  'clientSecret',
  '*.clientSecret',
  'challenge',
  '*.challenge',
  'recoveryCodes',
  '*.recoveryCodes',
  '*.*.downloadToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { svc: 'pons-server' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
