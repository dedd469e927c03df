import type { Grants, Profile, SaveProfileRequest } from '@pons/protocol';
import type { Result } from '../users/user-form.js';
import { FEATURES } from '../ui/levels.js';

/** A profile's permissions as the editor holds them. */
export const grantsOf = (profile: Pick<Profile, 'permissions'>): Grants => profile.permissions;

/** The request that saves a profile: its name and the features it grants, in the protocol's order. Pure, tested. */
export function profileRequest(name: string, grants: Grants): Result<SaveProfileRequest> {
  const trimmed = name.trim();
  if (!trimmed) return { errors: ['Give the profile a name.'] };
  const permissions: Grants = {};
  for (const feature of FEATURES) {
    const level = grants[feature];
    if (level === 'ro' || level === 'rw') permissions[feature] = level;
  }
  return { request: { name: trimmed, permissions } };
}

/** `3 features, 1 read-write`: what a profile grants, in a few words. */
export function grantsSummary(grants: Grants): string {
  const levels = FEATURES.map((f) => grants[f]).filter((level) => level !== undefined);
  if (levels.length === 0) return 'nothing';
  const rw = levels.filter((level) => level === 'rw').length;
  return `${levels.length} ${levels.length === 1 ? 'feature' : 'features'}, ${rw} read-write`;
}
