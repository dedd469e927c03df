import type { RoleTarget } from '@pons/protocol';

/**
 * Roles as edited: an entity and a profile per row (ids, empty until chosen), and for mapping rows
 * the directory group or claim value they match. Pure, tested.
 */
export interface RoleRow {
  entity: string;
  profile: string;
  /** The LDAP group (DN) or the OIDC claim value, for mapping rows. */
  match: string;
}

export const emptyRow: RoleRow = { entity: '', profile: '', match: '' };

interface Named {
  id: string;
  name: string;
}

/** A stored reference (an id, or a name as the API also accepts) as the id of what it names; '' when nothing does. */
export function resolveRef(ref: string, items: readonly Named[]): string {
  return (items.find((item) => item.id === ref) ?? items.find((item) => item.name === ref))?.id ?? '';
}

/** A stored role target as a row, its references resolved against what the selects offer. */
export function rowFrom(target: RoleTarget, entities: readonly Named[], profiles: readonly Named[], match = ''): RoleRow {
  return { entity: resolveRef(target.entity, entities), profile: resolveRef(target.profile, profiles), match };
}

/** What is missing or repeated, as sentences naming the row (`Role 2: choose a profile.`). */
export function roleErrors(rows: readonly RoleRow[], what: string, withMatch = false): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const name = `${what} ${index + 1}`;
    const missing = [
      withMatch && !row.match.trim() ? 'the value to match' : null,
      row.entity ? null : 'an entity',
      row.profile ? null : 'a profile',
    ];
    const list = missing.filter((m): m is string => m !== null);
    if (list.length > 0) errors.push(`${name}: choose ${list.join(' and ')}.`);
    const key = JSON.stringify([withMatch ? row.match.trim() : '', row.entity, row.profile]);
    if (list.length === 0 && seen.has(key)) errors.push(`${name} repeats an earlier one.`);
    seen.add(key);
  });
  return errors;
}

export const roleTarget = (row: RoleRow): RoleTarget => ({ entity: row.entity, profile: row.profile });

/** A default role as a row; no entity means none (users no mapping matches are refused). */
export function defaultRowFrom(target: RoleTarget | null, entities: readonly Named[], profiles: readonly Named[]): RoleRow {
  return target ? rowFrom(target, entities, profiles) : emptyRow;
}

export function defaultRoleErrors(row: RoleRow): string[] {
  return row.entity && !row.profile ? ['Default role: choose its profile, or no entity to refuse unmapped users.'] : [];
}

export const defaultRoleTarget = (row: RoleRow): RoleTarget | null => (row.entity && row.profile ? roleTarget(row) : null);
