import type { Entity } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';

/** The entity hierarchy in memory: lookups by id or name, and sub-trees for scoping. */
export class EntityTree {
  private readonly byId = new Map<string, Entity>();
  private readonly children = new Map<string, string[]>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      this.byId.set(entity.id, entity);
      if (entity.parentId) this.children.set(entity.parentId, [...(this.children.get(entity.parentId) ?? []), entity.id]);
    }
  }

  all(): Entity[] {
    return [...this.byId.values()];
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** Finds an entity by id or by (case-insensitive) name, or throws PONS_E_ENTITY_NOT_FOUND. */
  resolve(ref: string): Entity {
    const direct = this.byId.get(ref);
    if (direct) return direct;
    const lower = ref.toLowerCase();
    const byName = this.all().find((e) => e.name.toLowerCase() === lower);
    if (!byName) throw new PonsError('PONS_E_ENTITY_NOT_FOUND', `No entity is called "${ref}".`);
    return byName;
  }

  /** The entity and every entity below it. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (!this.byId.has(current) || out.includes(current)) continue;
      out.push(current);
      stack.push(...(this.children.get(current) ?? []));
    }
    return out;
  }
}
