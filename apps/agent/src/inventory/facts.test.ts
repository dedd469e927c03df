import { describe, expect, it } from 'vitest';
import { linuxRelease, normaliseMac, quickFacts } from './facts.js';

describe('linuxRelease', () => {
  it('reads NAME and VERSION from os-release', () => {
    const text =
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n';
    expect(linuxRelease(() => text)).toEqual({ name: 'Debian GNU/Linux', version: '12 (bookworm)' });
  });

  it('falls back to VERSION_ID, then to the kernel release', () => {
    expect(linuxRelease(() => 'NAME=Alpine Linux\nVERSION_ID=3.20.1\n')).toEqual({ name: 'Alpine Linux', version: '3.20.1' });
    expect(
      linuxRelease(() => {
        throw new Error('missing');
      }).name,
    ).toBe('Linux');
  });
});

describe('facts', () => {
  it('normalises MAC addresses and drops the null address', () => {
    expect(normaliseMac('52-54-00-AB-CD-EF')).toBe('52:54:00:ab:cd:ef');
    expect(normaliseMac('00:00:00:00:00:00')).toBeNull();
  });

  it('reports this host, or the name it was given', () => {
    const facts = quickFacts('kiosk-07');
    expect(facts.hostname).toBe('kiosk-07');
    expect(facts.platform).toBe('linux');
    expect(facts.ipAddresses.every((ip) => ip !== '127.0.0.1')).toBe(true);
  });
});
