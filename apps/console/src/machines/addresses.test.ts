import { describe, expect, it } from 'vitest';
import { orderAddresses } from './addresses.js';

describe('orderAddresses', () => {
  it('puts IPv4 first and link-local IPv6 last, keeping order otherwise', () => {
    expect(orderAddresses(['fe80::1', '2001:db8::5', '10.0.0.2', '192.168.1.4'])).toEqual([
      '10.0.0.2',
      '192.168.1.4',
      '2001:db8::5',
      'fe80::1',
    ]);
  });
  it('leaves MAC addresses in their order', () => {
    expect(orderAddresses(['52:54:00:00:00:02', '52:54:00:00:00:01'])).toEqual(['52:54:00:00:00:02', '52:54:00:00:00:01']);
  });
});
