import type { UserSummary } from '@pons/protocol';
import { relative } from '../output/format.js';
import { renderTable } from '../output/table.js';

/** `Technician on Paris, Admin on Lyon`, or `no role`. */
export function rolesText(user: UserSummary): string {
  return user.roles.length === 0 ? 'no role' : user.roles.map((r) => `${r.profileName} on ${r.entityName}`).join(', ');
}

export function userTable(users: readonly UserSummary[], now: number): string {
  return renderTable(
    [
      { header: 'USERNAME' },
      { header: 'NAME' },
      { header: 'SOURCE' },
      { header: 'STATE' },
      { header: '2FA' },
      { header: 'ROLES' },
      { header: 'LAST LOGIN' },
    ],
    users.map((u) => [
      u.username,
      [u.givenName, u.sn].filter(Boolean).join(' '),
      u.source,
      u.disabled ? 'disabled' : 'active',
      u.totpEnabled ? 'on' : 'off',
      rolesText(u),
      u.lastLoginAt === null ? 'never' : relative(u.lastLoginAt, now),
    ]),
  );
}
