import type { EntityOption } from '../enrollment/entity-options.js';

/** Entities as a select's options, in tree order and indented; `current` is shown but cannot be chosen. */
export function EntityOptions({ entities, current }: { entities: readonly EntityOption[]; current?: string }) {
  return entities.map((entity) => (
    <option key={entity.id} value={entity.id} disabled={entity.id === current}>
      {'\u00a0\u00a0'.repeat(entity.depth) + entity.name + (entity.id === current ? ' (current)' : '')}
    </option>
  ));
}
