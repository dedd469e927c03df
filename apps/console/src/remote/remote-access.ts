import type { AccessLevel, CurrentUser, Entity, Feature } from '@pons/protocol';
import { entitiesWith } from '../auth/permissions.js';

type Holder = Pick<CurrentUser, 'superAdmin' | 'grants'>;

/**
 * Whether the user holds `level` on `feature` on one entity: a grant on it or on one of its
 * parents (known from `entities`, the entities the user may see). Only for what the console shows.
 */
export function canOnEntity(user: Holder, feature: Feature, level: AccessLevel, entityId: string, entities: readonly Entity[]): boolean {
  if (user.superAdmin) return true;
  const known = entities.some((e) => e.id === entityId) ? entities : [...entities, { id: entityId, name: entityId, parentId: null }];
  return entitiesWith(user, feature, level, known).some((e) => e.id === entityId);
}
