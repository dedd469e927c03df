import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { certificateFingerprint } from './fingerprint.js';

export type PinCheck = { ok: true; caPem: string } | { ok: false; reason: string };

/**
 * Checks that the chain a server presented ends in the pinned CA and that the leaf really was
 * issued by it. Used before the first byte of the protocol is sent, so an agent or a CLI never
 * talks to a server it cannot verify, whatever the hostname it was given.
 */
export function checkPinnedChain(socket: TLSSocket, pin: string): PinCheck {
  const peer = socket.getPeerCertificate(true);
  if (!peer || !peer.raw) return { ok: false, reason: 'the server presented no certificate' };
  const chain: X509Certificate[] = [];
  let current: DetailedPeerCertificate | undefined = peer;
  const seen = new Set<string>();
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  const ca = chain.find((cert) => certificateFingerprint(cert) === pin);
  if (!ca) {
    const seenPins = chain.map((cert) => certificateFingerprint(cert)).join(', ');
    return { ok: false, reason: `no certificate in the server's chain matches the pinned CA ${pin} (got ${seenPins})` };
  }
  const leaf = chain[0]!;
  const now = Date.now();
  if (Date.parse(leaf.validTo) < now || Date.parse(leaf.validFrom) > now) {
    return { ok: false, reason: `the server certificate is not valid now (valid ${leaf.validFrom} to ${leaf.validTo})` };
  }
  if (leaf !== ca && !(leaf.checkIssued(ca) && leaf.verify(ca.publicKey))) {
    return { ok: false, reason: 'the server certificate was not issued by the pinned CA' };
  }
  return { ok: true, caPem: ca.toString() };
}
