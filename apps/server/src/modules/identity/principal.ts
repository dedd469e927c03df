import { Features, satisfies, type AccessLevel, type Feature } from '@pons/protocol';
import type { EntityScope, Principal } from '../../platform/http/access.js';
import type { EntityTree } from './entity-tree.js';

export interface RoleGrant {
  entityId: string;
  superAdmin: boolean;
  permissions: Partial<Record<Feature, AccessLevel>>;
}

export interface PrincipalInput {
  userId: string;
  username: string;
  passwordChangeRequired: boolean;
  sessionId: string;
  via: 'cookie' | 'bearer';
  csrfToken: string;
  roles: RoleGrant[];
}

/**
 * A user's rights, per entity: a profile held on an entity applies to it and to its
 * sub-entities, and nowhere else (Medulla applies the most permissive profile everywhere).
 */
export function buildPrincipal(input: PrincipalInput, tree: EntityTree): Principal {
  const superAdmin = input.roles.some((r) => r.superAdmin && r.entityId === 'root');
  const scopes = new Map<string, Set<string>>();
  for (const role of input.roles) {
    const entities = tree.subtree(role.entityId);
    for (const feature of Features) {
      for (const level of ['ro', 'rw'] as const) {
        if (!satisfies(role.permissions[feature], level)) continue;
        const key = `${feature}:${level}`;
        const set = scopes.get(key) ?? new Set<string>();
        for (const id of entities) set.add(id);
        scopes.set(key, set);
      }
    }
  }
  const scope = (feature: Feature, level: AccessLevel): EntityScope =>
    superAdmin ? 'all' : (scopes.get(`${feature}:${level}`) ?? new Set());
  return {
    userId: input.userId,
    username: input.username,
    superAdmin,
    passwordChangeRequired: input.passwordChangeRequired,
    sessionId: input.sessionId,
    via: input.via,
    csrfToken: input.csrfToken,
    scope,
    can: (feature, level) => {
      const s = scope(feature, level);
      return s === 'all' || s.size > 0;
    },
  };
}

export function inScope(scope: EntityScope, entityId: string): boolean {
  return scope === 'all' || scope.has(entityId);
}

export interface Narrowing {
  permissions?: Partial<Record<Feature, AccessLevel>>;
  /** Entity ids; each with its sub-entities. */
  entityIds?: string[];
}

/**
 * An API token's rights: at most what its user holds, cut down to the token's permissions and
 * entities. A narrowed principal is never a Super-Admin, whatever its user is.
 */
export function narrowPrincipal(principal: Principal, narrowing: Narrowing, tree: EntityTree): Principal {
  const allowedEntities = narrowing.entityIds ? new Set(narrowing.entityIds.flatMap((id) => tree.subtree(id))) : null;
  const scope = (feature: Feature, level: AccessLevel): EntityScope => {
    if (narrowing.permissions && !satisfies(narrowing.permissions[feature], level)) return new Set();
    const base = principal.scope(feature, level);
    if (!allowedEntities) return base;
    const universe = base === 'all' ? tree.all().map((e) => e.id) : [...base];
    return new Set(universe.filter((id) => allowedEntities.has(id)));
  };
  const narrowed = Boolean(narrowing.permissions || narrowing.entityIds);
  return {
    ...principal,
    superAdmin: principal.superAdmin && !narrowed,
    scope,
    can: (feature, level) => {
      const s = scope(feature, level);
      return s === 'all' || s.size > 0;
    },
  };
}
