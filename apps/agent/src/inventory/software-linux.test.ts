import { describe, expect, it } from 'vitest';
import { parseDpkg, parseRpm } from './software-linux.js';

describe('parseDpkg', () => {
  it('keeps installed packages only, with their size in bytes', () => {
    const output = [
      'bash\t5.2.15-2+b7\tamd64\tMatthias Klose <doko@debian.org>\t7164\tii ',
      'removed-pkg\t1.0\tall\tX\t10\trc ',
      'tzdata\t2024a-0+deb12u1\tall\tGNU Libc Maintainers\t3434\tii ',
      '',
    ].join('\n');
    expect(parseDpkg(output)).toEqual([
      {
        name: 'bash',
        version: '5.2.15-2+b7',
        arch: 'amd64',
        publisher: 'Matthias Klose <doko@debian.org>',
        sizeBytes: 7164 * 1024,
        source: 'dpkg',
      },
      {
        name: 'tzdata',
        version: '2024a-0+deb12u1',
        arch: 'all',
        publisher: 'GNU Libc Maintainers',
        sizeBytes: 3434 * 1024,
        source: 'dpkg',
      },
    ]);
  });
});

describe('parseRpm', () => {
  it('reads name, version-release, vendor and install time; drops "(none)"', () => {
    const output =
      'openssl\t3.0.7-27.el9\tx86_64\tRed Hat, Inc.\t1811230\t1700000000\ngpg-pubkey\t8483c65d-5ccc5b19\t(none)\t(none)\t0\t1700000001\n';
    expect(parseRpm(output)).toEqual([
      {
        name: 'openssl',
        version: '3.0.7-27.el9',
        arch: 'x86_64',
        publisher: 'Red Hat, Inc.',
        sizeBytes: 1811230,
        installedAt: '2023-11-14T22:13:20.000Z',
        source: 'rpm',
      },
      { name: 'gpg-pubkey', version: '8483c65d-5ccc5b19', sizeBytes: 0, installedAt: '2023-11-14T22:13:21.000Z', source: 'rpm' },
    ]);
  });
});
