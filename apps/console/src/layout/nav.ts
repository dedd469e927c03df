import type { AccessLevel, CurrentUser, Feature } from '@pons/protocol';
import { can } from '../auth/permissions.js';

export interface NavItem {
  to: string;
  label: string;
  active: (path: string) => boolean;
  /** Shown only to users who hold this somewhere. */
  needs?: { feature: Feature; level: AccessLevel };
}

const under = (prefix: string) => (path: string) => path === prefix || path.startsWith(`${prefix}/`);

const NAV: NavItem[] = [
  { to: '/machines', label: 'Machines', active: (path) => path === '/' || under('/machines')(path) },
  { to: '/packages', label: 'Packages', active: under('/packages') },
  { to: '/deployments', label: 'Deployments', active: under('/deployments') },
  { to: '/enrollment', label: 'Enrollment', active: under('/enrollment') },
  { to: '/audit', label: 'Audit log', active: under('/audit'), needs: { feature: 'history', level: 'ro' } },
  { to: '/admin', label: 'Admin', active: under('/admin'), needs: { feature: 'admin', level: 'ro' } },
  { to: '/account', label: 'Account', active: under('/account') },
];

/** The main menu's entries this user may open. */
export function navItems(user: Pick<CurrentUser, 'superAdmin' | 'grants'>): NavItem[] {
  return NAV.filter((item) => !item.needs || can(user, item.needs.feature, item.needs.level));
}
