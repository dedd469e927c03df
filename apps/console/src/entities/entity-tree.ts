import type { EntityDetail, UpdateEntityRequest } from '@pons/protocol';
import { entityOptions } from '../enrollment/entity-options.js';

/** The entity tree as table rows: each parent before its children (siblings by name), with its depth. Pure, tested. */
export interface EntityRow extends EntityDetail {
  depth: number;
}

export function entityRows(entities: readonly EntityDetail[]): EntityRow[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  return entityOptions([...entities]).flatMap((option) => {
    const entity = byId.get(option.id);
    return entity ? [{ ...entity, depth: option.depth }] : [];
  });
}

/** Where an entity may move: anywhere but itself and its own sub-entities. */
export function parentChoices(rows: readonly EntityRow[], id: string | null): EntityRow[] {
  if (id === null) return [...rows];
  const parents = new Map(rows.map((r) => [r.id, r.parentId]));
  const inside = (candidate: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | null | undefined = candidate; at && !seen.has(at); at = parents.get(at)) {
      if (at === id) return true;
      seen.add(at);
    }
    return false;
  };
  return rows.filter((row) => !inside(row.id));
}

/** What an edit changes, or null when it changes nothing. */
export function entityChanges(entity: EntityDetail, name: string, parentId: string): UpdateEntityRequest | null {
  const changes: UpdateEntityRequest = {};
  if (name.trim() && name.trim() !== entity.name) changes.name = name.trim();
  if (parentId && parentId !== entity.parentId) changes.parent = parentId;
  return Object.keys(changes).length > 0 ? changes : null;
}
