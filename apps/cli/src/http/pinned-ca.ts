import { probeServerChain as probe, ProbeError, type ServerChain } from '@pons/crypto';
import { CliError, ExitCode } from '../errors.js';
import { transportError } from './transport-error.js';

/** First contact, as the agent makes it, with failures turned into CLI errors (exit 7). */
export async function probeServerChain(server: string, pin: string | undefined, timeoutMs = 10_000): Promise<ServerChain> {
  try {
    return await probe(server, pin, timeoutMs);
  } catch (error) {
    const host = new URL(server).host;
    if (error instanceof ProbeError && error.kind === 'timeout')
      throw new CliError(`cannot reach ${host}: no TLS answer within ${timeoutMs} ms`, ExitCode.unreachable);
    throw transportError(error instanceof ProbeError && error.cause ? error.cause : error, host);
  }
}

/** Connects, checks the chain against the pin and returns the CA certificate to trust. */
export async function fetchPinnedCa(server: string, pin: string): Promise<string> {
  const { check } = await probeServerChain(server, pin);
  if (!check.ok) {
    throw new CliError(
      `refusing ${new URL(server).host}: ${check.reason}`,
      ExitCode.unreachable,
      'compare --ca-fingerprint with the "CA fingerprint" line that "pons server" prints at start',
    );
  }
  return check.caPem;
}
