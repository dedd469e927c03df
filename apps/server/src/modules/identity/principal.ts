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
