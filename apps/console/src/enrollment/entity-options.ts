import type { Entity } from '@pons/protocol';

export interface EntityOption {
  id: string;
  name: string;
  depth: number;
}

/** Entities in tree order (each parent before its children, siblings by name) with their depth. */
export function entityOptions(entities: Entity[]): EntityOption[] {
  const ids = new Set(entities.map((e) => e.id));
  const children = new Map<string | null, Entity[]>();
  for (const entity of entities) {
    // A parent outside what we may see makes the entity a root of our view.
    const parent = entity.parentId !== null && ids.has(entity.parentId) ? entity.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), entity]);
  }
  const out: EntityOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const entity of list) {
      out.push({ id: entity.id, name: entity.name, depth });
      walk(entity.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
