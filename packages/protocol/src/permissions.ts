import { Type, type Static } from '@sinclair/typebox';

/**
 * One permission per feature, as in Medulla's ACL features, each read-only or read-write.
 * A profile grants a level per feature; a user holds a profile per entity.
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
export const Feature = Type.Union(Features.map((f) => Type.Literal(f)));
export type Feature = Static<typeof Feature>;

export const AccessLevel = Type.Union([Type.Literal('ro'), Type.Literal('rw')]);
export type AccessLevel = Static<typeof AccessLevel>;

export type Grants = Partial<Record<Feature, AccessLevel>>;

export const BuiltinProfiles = ['Super-Admin', 'Admin', 'Technician'] as const;
export type BuiltinProfile = (typeof BuiltinProfiles)[number];

const all = (level: AccessLevel): Grants => Object.fromEntries(Features.map((f) => [f, level]));

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

export function satisfies(granted: AccessLevel | undefined, needed: AccessLevel): boolean {
  if (!granted) return false;
  return needed === 'ro' || granted === 'rw';
}
