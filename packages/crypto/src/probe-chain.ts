import { X509Certificate } from 'node:crypto';
import { connect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { certificateFingerprint } from './fingerprint.js';
import { checkPinnedChain, type PinCheck } from './pinned-tls.js';

export interface ServerChain {
  /** Fingerprint of the last certificate of the chain: the CA to pin when none was given. */
  presentedCa: string;
  /** The pinned-chain check, against the given pin or else against `presentedCa`. */
  check: PinCheck;
}

/** A first contact that did not reach a TLS handshake; `cause` is the socket's error, if any. */
export class ProbeError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
    override readonly cause?: Error,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
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
 * First contact with a server, as the agent and the CLI make it: a TLS connection that trusts
 * nothing yet and on which nothing is sent. The caller decides from the result whether to trust
 * the server; with a pin, `check` says whether the chain holds that CA and the leaf was issued by it.
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
      reject(new ProbeError('timeout', `no TLS answer from ${target.host} within ${timeoutMs} ms`));
    });
    socket.once('error', (error: Error) => {
      socket.destroy();
      reject(new ProbeError('network', `cannot reach ${target.host}: ${error.message}`, error));
    });
  });
}
