import { CliError, ExitCode } from '../errors.js';

// Node's names for "the certificate does not chain to a CA we trust" and its relatives.
const TRUST_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

/** Turns a socket or TLS failure into a message that says what to check, with exit code 7. */
export function transportError(error: unknown, host: string, caFingerprint?: string): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (TRUST_CODES.test(code)) {
    const trusted = caFingerprint ? ` (${caFingerprint})` : '';
    return new CliError(
      `refusing ${host}: its certificate is not issued by the CA trusted at login${trusted}: ${message}`,
      ExitCode.unreachable,
      'if the server got a new CA, log in again with "pons login --ca-fingerprint <new fingerprint>"',
    );
  }
  if (code === 'EPROTO' || /wrong version number|packet length too long/i.test(message)) {
    return new CliError(
      `cannot reach ${host}: the TLS handshake failed (${message})`,
      ExitCode.unreachable,
      'check that the address is the https port of a Pons server',
    );
  }
  return new CliError(`cannot reach ${host}: ${message}`, ExitCode.unreachable, 'check the address and that the server is running');
}
