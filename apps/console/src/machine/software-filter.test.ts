import { describe, expect, it } from 'vitest';
import { filterSoftware, sortSoftware } from './software-filter.js';

const list = [
  { name: 'openssl', version: '3.0.15', publisher: 'Debian' },
  { name: 'libssl3', version: '3.0.15', arch: 'amd64' },
  { name: 'Firefox', version: '128.0esr', publisher: 'Mozilla' },
];

describe('software filter', () => {
  it('needs every word somewhere in the row, ignoring case', () => {
    expect(filterSoftware(list, 'SSL').map((s) => s.name)).toEqual(['openssl', 'libssl3']);
    expect(filterSoftware(list, 'ssl amd64').map((s) => s.name)).toEqual(['libssl3']);
    expect(filterSoftware(list, 'mozilla 128').map((s) => s.name)).toEqual(['Firefox']);
    expect(filterSoftware(list, '  ')).toBe(list);
  });

  it('sorts by name without regard to case', () => {
    expect(sortSoftware(list).map((s) => s.name)).toEqual(['Firefox', 'libssl3', 'openssl']);
  });
});
