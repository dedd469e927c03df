import type { AccessLevel, CurrentUser, Entity, Feature, Grants } from '@pons/protocol';
import { satisfies } from '@pons/protocol/pure';

/**
 * What the signed-in user may do, from the grants the server sent with the session. It only
 * decides what the console shows: the server checks every request on its own.
 */
type Holder = Pick<CurrentUser, 'superAdmin' | 'grants'>;
type Grant = Holder['grants'][number];

/** A grant's level on a feature (the schema's record type reads as `{}`). */
const levelOf = (grant: Grant, feature: Feature) => (grant.permissions as Grants)[feature];

/** Whether the user holds `level` (or more) on `feature` on at least one entity. */
export function can(user: Holder, feature: Feature, level: AccessLevel): boolean {
  return user.superAdmin || user.grants.some((grant) => satisfies(levelOf(grant, feature), level));
}

/** The highest level held on a feature anywhere; undefined when the user has none. */
export function highestLevel(user: Holder, feature: Feature): AccessLevel | undefined {
  if (can(user, feature, 'rw')) return 'rw';
  return can(user, feature, 'ro') ? 'ro' : undefined;
}

/**
 * The entities where the user holds `level` on `feature`: a profile held on an entity applies to
 * it and to its sub-entities. Entities keep the order they came in.
 */
export function entitiesWith<E extends Entity>(user: Holder, feature: Feature, level: AccessLevel, entities: readonly E[]): E[] {
  if (user.superAdmin) return [...entities];
  const granted = new Set(user.grants.filter((g) => satisfies(levelOf(g, feature), level)).map((g) => g.entityId));
  const parents = new Map(entities.map((e) => [e.id, e.parentId]));
  const within = (id: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at && !seen.has(at); at = parents.get(at)) {
      if (granted.has(at)) return true;
      seen.add(at);
    }
    return false;
  };
  return entities.filter((entity) => within(entity.id));
}
