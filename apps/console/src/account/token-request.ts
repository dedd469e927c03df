import type { ApiToken, CreateApiTokenRequest, CurrentUser, Grants } from '@pons/protocol';
import { highestLevel } from '../auth/permissions.js';
import type { Result } from '../users/user-form.js';
import { FEATURES } from '../ui/levels.js';

/** The API token form as typed, and the request it makes. Pure, tested. */
export interface TokenForm {
  name: string;
  expiresInDays: number;
  /** Narrowed to these permissions (never more than the user holds). */
  limitPermissions: boolean;
  permissions: Grants;
  /** Narrowed to these entities (ids) and their sub-entities. */
  limitEntities: boolean;
  entities: string[];
}

export const EXPIRY_DAYS = [7, 30, 90, 180, 365, 730];
const DAY = 86_400_000;
const MAX_ENTITIES = 100;

/** The most a token of this user can hold: their best level per feature, over every entity. */
export function userGrants(user: Pick<CurrentUser, 'superAdmin' | 'grants'>): Grants {
  const grants: Grants = {};
  for (const feature of FEATURES) {
    const level = highestLevel(user, feature);
    if (level) grants[feature] = level;
  }
  return grants;
}

export const tokenFormFor = (max: Grants): TokenForm => ({
  name: '',
  expiresInDays: 90,
  limitPermissions: false,
  permissions: { ...max },
  limitEntities: false,
  entities: [],
});

export function apiTokenRequest(form: TokenForm): Result<CreateApiTokenRequest> {
  const errors: string[] = [];
  const name = form.name.trim();
  if (!name) errors.push('Give the token a name, to recognise it in the list.');
  const permissions: Grants = {};
  for (const feature of FEATURES) {
    const level = form.permissions[feature];
    if (level) permissions[feature] = level;
  }
  if (form.limitPermissions && Object.keys(permissions).length === 0)
    errors.push('Give the token at least one permission, or do not limit them.');
  if (form.limitEntities && form.entities.length === 0) errors.push('Choose at least one entity, or do not limit them.');
  if (form.limitEntities && form.entities.length > MAX_ENTITIES) errors.push(`Choose at most ${MAX_ENTITIES} entities.`);
  if (errors.length > 0) return { errors };
  const request: CreateApiTokenRequest = { name, expiresInMs: form.expiresInDays * DAY };
  if (form.limitPermissions || form.limitEntities) {
    request.narrowing = {
      ...(form.limitPermissions ? { permissions } : {}),
      ...(form.limitEntities ? { entities: [...form.entities] } : {}),
    };
  }
  return { request };
}

/** What a token is limited to, in a few words. */
export function narrowingText(narrowing: ApiToken['narrowing']): string {
  const parts: string[] = [];
  const permissions = narrowing?.permissions ? Object.keys(narrowing.permissions).length : null;
  if (permissions !== null) parts.push(`${permissions} ${permissions === 1 ? 'feature' : 'features'}`);
  const entities = narrowing?.entities?.length;
  if (entities) parts.push(`${entities} ${entities === 1 ? 'entity' : 'entities'}`);
  return parts.length > 0 ? parts.join(', ') : 'all your rights';
}
