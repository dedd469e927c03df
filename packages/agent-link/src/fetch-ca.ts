import { connect } from 'node:tls';
import { checkPinnedChain } from '@pons/crypto';
import { LinkError } from './link-error.js';

/**
 * First contact: opens a TLS connection without trusting anything, checks that the chain holds
 * the pinned CA and that the leaf was issued by it, and returns the CA certificate to trust from
 * then on. Nothing of the protocol is sent on this connection.
 */
export function fetchPinnedCa(url: string, pin: string, timeoutMs = 10_000): Promise<string> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: Number(target.port || 443),
      servername: /^[\d.:[\]]+$/.test(target.hostname) ? undefined : target.hostname,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const fail = (error: LinkError) => {
      socket.destroy();
      reject(error);
    };
    socket.once('secureConnect', () => {
      const check = checkPinnedChain(socket, pin);
      socket.end();
      if (check.ok) resolve(check.caPem);
      else fail(new LinkError('PONS_E_AUTH_FAILED', `refusing ${target.host}: ${check.reason}`, true));
    });
    socket.once('timeout', () =>
      fail(new LinkError('PONS_E_UNAVAILABLE', `no TLS answer from ${target.host} within ${timeoutMs} ms`, false)),
    );
    socket.once('error', (error: Error) =>
      fail(new LinkError('PONS_E_UNAVAILABLE', `cannot reach ${target.host}: ${error.message}`, false)),
    );
  });
}
