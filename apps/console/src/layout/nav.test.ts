import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '@pons/protocol';
import { navItems } from './nav.js';

type Permissions = CurrentUser['grants'][number]['permissions'];
const user = (permissions: Partial<Permissions>, superAdmin = false) => ({
  superAdmin,
  grants: [{ entityId: 'root', entityName: 'Root', profile: 'Custom', permissions: permissions as Permissions }],
});
const labels = (u: ReturnType<typeof user>) => navItems(u).map((item) => item.label);

describe('navItems', () => {
  it('shows Admin with admin read, Audit log with history read, Account to everyone', () => {
    expect(labels(user({}))).toEqual(['Machines', 'Packages', 'Deployments', 'Enrollment', 'Account']);
    expect(labels(user({ history: 'ro' }))).toContain('Audit log');
    expect(labels(user({ admin: 'ro' }))).toEqual(['Machines', 'Packages', 'Deployments', 'Enrollment', 'Admin', 'Account']);
    expect(labels(user({}, true))).toEqual(['Machines', 'Packages', 'Deployments', 'Enrollment', 'Audit log', 'Admin', 'Account']);
  });

  it('marks the entry of the current page', () => {
    const active = (path: string) =>
      navItems(user({}, true))
        .filter((item) => item.active(path))
        .map((item) => item.label);
    expect(active('/')).toEqual(['Machines']);
    expect(active('/admin/users/u1')).toEqual(['Admin']);
    expect(active('/audit')).toEqual(['Audit log']);
    expect(active('/accounts')).toEqual([]);
  });
});
