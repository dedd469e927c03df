import type { IncomingMessage } from 'node:http';

/** The client's address; X-Forwarded-For is believed only when the peer is a trusted proxy. */
export function clientAddress(request: IncomingMessage, trustedProxies: string[]): string {
  const peer = (request.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!.replace(/^::ffff:/, '');
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}
