import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './oidc-login.js';

describe('the page an OIDC login returns to', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    for (const path of ['/', '/machines', '/machines/abc?tab=inventory#disks', '/users?q=a%2Fb'])
      expect(safeReturnTo(path), path).toBe(path);
  });

  it('replaces by / anything a browser would read as another site, or no path at all', () => {
    const foreign = [
      undefined,
      '',
      'machines',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '/\t/evil.example/',
      '/\n/evil.example/',
      '/\r\\evil.example/',
      '/\u0000/x',
      '\t//evil.example/',
    ];
    for (const value of foreign) expect(safeReturnTo(value), JSON.stringify(value)).toBe('/');
  });
});
