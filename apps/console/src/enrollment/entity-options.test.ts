import { describe, expect, it } from 'vitest';
import { entityOptions } from './entity-options.js';

describe('entityOptions', () => {
  it('lists parents before children, siblings by name, with depth', () => {
    const options = entityOptions([
      { id: 'lyon', name: 'Lyon', parentId: 'fr' },
      { id: 'root', name: 'Root', parentId: null },
      { id: 'fr', name: 'France', parentId: 'root' },
      { id: 'de', name: 'Germany', parentId: 'root' },
      { id: 'paris', name: 'Paris', parentId: 'fr' },
    ]);
    expect(options.map((o) => `${o.depth}:${o.name}`)).toEqual(['0:Root', '1:France', '2:Lyon', '2:Paris', '1:Germany']);
  });

  it('treats entities whose parent is out of sight as roots', () => {
    expect(entityOptions([{ id: 'lyon', name: 'Lyon', parentId: 'fr' }])).toEqual([{ id: 'lyon', name: 'Lyon', depth: 0 }]);
  });
});
