import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(clientAddress(request('203.0.113.7', '10.1.1.1'), ['10.0.0.1'])).toBe('203.0.113.7');
  });

  it('takes the last untrusted hop behind trusted proxies', () => {
    expect(clientAddress(request('::ffff:10.0.0.1', '198.51.100.4, 10.0.0.2'), ['10.0.0.1', '10.0.0.2'])).toBe('198.51.100.4');
  });
});
