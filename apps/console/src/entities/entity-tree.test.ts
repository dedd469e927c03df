import { describe, expect, it } from 'vitest';
import { entityChanges, entityRows, parentChoices } from './entity-tree.js';

const entity = (id: string, name: string, parentId: string | null) => ({ id, name, parentId, machines: 0, children: 0 });
const tree = [entity('lyon', 'Lyon', 'fr'), entity('root', 'Root', null), entity('fr', 'France', 'root'), entity('de', 'Germany', 'root')];

describe('entityRows', () => {
  it('orders the tree and keeps the counts', () => {
    const rows = entityRows([...tree, { ...entity('paris', 'Paris', 'fr'), machines: 12 }]);
    expect(rows.map((r) => `${r.depth}:${r.name}`)).toEqual(['0:Root', '1:France', '2:Lyon', '2:Paris', '1:Germany']);
    expect(rows.find((r) => r.id === 'paris')?.machines).toBe(12);
  });
});

describe('parentChoices', () => {
  it('leaves out the entity and its sub-entities', () => {
    const rows = entityRows(tree);
    expect(parentChoices(rows, 'fr').map((r) => r.id)).toEqual(['root', 'de']);
    expect(parentChoices(rows, 'lyon').map((r) => r.id)).toEqual(['root', 'fr', 'de']);
    expect(parentChoices(rows, null)).toHaveLength(4);
  });
});

describe('entityChanges', () => {
  const lyon = entity('lyon', 'Lyon', 'fr');
  it('sends only what changed', () => {
    expect(entityChanges(lyon, ' Lyon ', 'fr')).toBeNull();
    expect(entityChanges(lyon, 'Lyon 2', 'fr')).toEqual({ name: 'Lyon 2' });
    expect(entityChanges(lyon, 'Lyon', 'de')).toEqual({ parent: 'de' });
    expect(entityChanges(lyon, '', '')).toBeNull();
  });
});
