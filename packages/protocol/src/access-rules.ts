/**
 * One permission per feature, as in Medulla's ACL features, each read-only or read-write. A
 * profile grants a level per feature; a user holds a profile per entity. Schema-free, so the
 * console takes it from `@pons/protocol/pure`; the schemas are in permissions.ts.
 */
export const Features = [
  'dashboard',
  'inventory',
  'groups',
  'packaging',
  'deployment',
  'remote',
  'imaging',
  'updates',
  'security',
  'history',
  'enrollment',
  'admin',
] as const;

type FeatureName = (typeof Features)[number];
type Level = 'ro' | 'rw';

export type Grants = Partial<Record<FeatureName, Level>>;

export const BuiltinProfiles = ['Super-Admin', 'Admin', 'Technician'] as const;
export type BuiltinProfile = (typeof BuiltinProfiles)[number];

const all = (level: Level): Grants => Object.fromEntries(Features.map((f) => [f, level]));

/**
 * Medulla's default mapping: Super-Admin has everything; Admin everything but super-admin
 * administration (here: read-only admin); Technician like Admin without user administration and
 * with enrollment read-only.
 */
export const defaultProfileGrants: Record<BuiltinProfile, Grants> = {
  'Super-Admin': all('rw'),
  Admin: { ...all('rw'), admin: 'ro' },
  Technician: { ...all('rw'), admin: undefined, enrollment: 'ro' },
};

/** Whether a granted level covers the one needed (read-write includes read). */
export function satisfies(granted: Level | undefined, needed: Level): boolean {
  if (!granted) return false;
  return needed === 'ro' || granted === 'rw';
}
