import type { RoleTarget } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import type { EntityTree } from './entity-tree.js';
import type { RoleRef } from './users.repository.js';

export interface ProfileLookup {
  resolveProfile(ref: string): Promise<{ id: string; superAdmin: boolean }>;
}

/**
 * Turns role targets (entity + profile, by id or name) into rows, one per entity: the first
 * target that names an entity wins, so the order of a mapping list is its priority.
 */
export async function resolveRoles(targets: RoleTarget[], tree: EntityTree, profiles: ProfileLookup): Promise<RoleRef[]> {
  const out = new Map<string, RoleRef>();
  for (const target of targets) {
    const entity = tree.resolve(target.entity);
    if (out.has(entity.id)) continue;
    const profile = await profiles.resolveProfile(target.profile);
    out.set(entity.id, { entity_id: entity.id, profile_id: profile.id });
  }
  return [...out.values()];
}

/** The targets of the mapped values a user has (groups, role claims), or the default, or a refusal. */
export function mappedTargets(
  values: string[],
  mappings: Array<RoleTarget & { key: string }>,
  defaultRole: RoleTarget | null,
  source: string,
): RoleTarget[] {
  const have = new Set(values.map((v) => v.toLowerCase()));
  const matched = mappings.filter((m) => have.has(m.key.toLowerCase())).map(({ entity, profile }) => ({ entity, profile }));
  if (matched.length > 0) return matched;
  if (defaultRole) return [defaultRole];
  throw new PonsError(
    'PONS_E_FORBIDDEN',
    `Your ${source} account is valid, but none of its groups is mapped to a Pons profile and there is no default; ask an administrator.`,
  );
}
