import { describe, expect, it } from 'vitest';
import { renderPairs, renderTable } from './table.js';

describe('renderTable', () => {
  it('aligns columns two spaces apart without trailing spaces', () => {
    const text = renderTable(
      [{ header: 'NAME' }, { header: 'STATUS' }],
      [
        ['web-01', 'online'],
        ['db', 'offline'],
      ],
    );
    expect(text).toBe('NAME    STATUS\nweb-01  online\ndb      offline\n');
  });

  it('right-aligns numeric columns and prints empty cells as a dash', () => {
    const text = renderTable(
      [{ header: 'NAME' }, { header: 'SIZE', align: 'right' }, { header: 'NOTE' }],
      [
        ['a', '5 B', ''],
        ['b', '10.0 GiB', 'x'],
      ],
    );
    expect(text.split('\n')).toEqual(['NAME      SIZE  NOTE', 'a          5 B  -', 'b     10.0 GiB  x', '']);
  });

  it('indents every line when asked', () => {
    expect(renderTable([{ header: 'A' }], [['1']], '  ')).toBe('  A\n  1\n');
  });

  it('neutralises control characters sent by an agent', () => {
    const text = renderTable([{ header: 'HOST' }], [['evil\u001b[2Jhost\n']]);
    expect(text).toBe('HOST\nevil?[2Jhost?\n');
  });

  it('prints only headers for no rows', () => {
    expect(renderTable([{ header: 'ID' }, { header: 'NAME' }], [])).toBe('ID  NAME\n');
  });
});

describe('renderPairs', () => {
  it('aligns values and indents the continuation lines of a multi-line value', () => {
    const text = renderPairs([
      ['ID', 'm1'],
      ['IP addresses', '10.0.0.1\n10.0.0.2'],
      ['Serial', ''],
    ]);
    expect(text).toBe('ID            m1\nIP addresses  10.0.0.1\n              10.0.0.2\nSerial        -\n');
  });
});
