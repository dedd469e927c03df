import { describe, expect, it } from 'vitest';
import { childPath, isRoot, parentPath, sortEntries, startPath, trimPath } from './file-paths.js';

describe('paths on the machine', () => {
  it('knows the roots', () => {
    expect(isRoot('/')).toBe(true);
    expect(isRoot('C:\\')).toBe(true);
    expect(isRoot('d:/')).toBe(true);
    expect(isRoot('/tmp')).toBe(false);
    expect(trimPath('C:')).toBe('C:\\');
    expect(trimPath('/srv/data//')).toBe('/srv/data');
    expect(trimPath('  ')).toBe('/');
  });

  it('goes up', () => {
    expect(parentPath('/srv/data')).toBe('/srv');
    expect(parentPath('/srv/')).toBe('/');
    expect(parentPath('/')).toBe('/');
    expect(parentPath('C:\\Users\\Public')).toBe('C:\\Users');
    expect(parentPath('C:\\Users')).toBe('C:\\');
    expect(parentPath('C:/Users')).toBe('C:/');
    expect(parentPath('C:\\')).toBe('C:\\');
  });

  it('goes down', () => {
    expect(childPath('/', 'tmp')).toBe('/tmp');
    expect(childPath('/tmp', 'a b.txt')).toBe('/tmp/a b.txt');
    expect(childPath('/tmp/', 'x')).toBe('/tmp/x');
    expect(childPath('C:\\', 'Users')).toBe('C:\\Users');
    expect(childPath('C:\\Users', 'Public')).toBe('C:\\Users\\Public');
    expect(childPath('C:/Users', 'Public')).toBe('C:/Users/Public');
  });

  it('starts on the system drive on Windows', () => {
    expect(startPath('windows')).toBe('C:\\');
    expect(startPath('linux')).toBe('/');
    expect(startPath(undefined)).toBe('/');
  });

  it('lists directories first, names in natural order', () => {
    const entries = [
      { name: 'file10', type: 'file' },
      { name: 'b', type: 'directory' },
      { name: 'file2', type: 'file' },
      { name: 'A', type: 'directory' },
      { name: 'lnk', type: 'link' },
    ];
    expect(sortEntries(entries).map((e) => e.name)).toEqual(['A', 'b', 'lnk', 'file2', 'file10']);
  });
});
