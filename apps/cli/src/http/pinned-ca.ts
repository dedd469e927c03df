import { X509Certificate } from 'node:crypto';
import { connect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { certificateFingerprint, checkPinnedChain, type PinCheck } from '@pons/crypto';
import { CliError, ExitCode } from '../errors.js';
import { transportError } from './transport-error.js';

export interface ServerChain {
  /** Fingerprint of the last certificate in the chain: the CA to pin when none was given. */
  presentedCa: string;
  /** The pinned chain check, against the given pin or else against `presentedCa`. */
  check: PinCheck;
}

function topOfChain(socket: TLSSocket): string | undefined {
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  let top: string | undefined;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    top = certificateFingerprint(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return top;
}

/**
 * First contact, as the agent makes it: a TLS connection that trusts nothing yet, on which
 * nothing is sent. The caller decides from the result whether to trust the server.
 */
export function probeServerChain(server: string, pin: string | undefined, timeoutMs = 10_000): Promise<ServerChain> {
  const target = new URL(server);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: Number(target.port || 443),
      servername: /^[\d.:[\]]+$/.test(target.hostname) ? undefined : target.hostname,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const presentedCa = topOfChain(socket);
      const check = presentedCa
        ? checkPinnedChain(socket, pin ?? presentedCa)
        : { ok: false as const, reason: 'the server presented no certificate' };
      socket.end();
      resolve({ presentedCa: presentedCa ?? 'none', check });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new CliError(`cannot reach ${target.host}: no TLS answer within ${timeoutMs} ms`, ExitCode.unreachable));
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(transportError(error, target.host));
    });
  });
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
