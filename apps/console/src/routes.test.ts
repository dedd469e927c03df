import { describe, expect, it } from 'vitest';
import {
  adminPath,
  adminUserPath,
  deploymentPath,
  filesPath,
  machinePath,
  matchRoute,
  newDeploymentPath,
  packagePath,
  remotePath,
} from './routes.js';

describe('matchRoute', () => {
  it('maps paths to pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'machines' });
    expect(matchRoute('/machines')).toEqual({ page: 'machines' });
    expect(matchRoute('/machines/')).toEqual({ page: 'machines' });
    expect(matchRoute('/enrollment')).toEqual({ page: 'enrollment' });
    expect(matchRoute('/packages')).toEqual({ page: 'packages' });
    expect(matchRoute('/deployments/')).toEqual({ page: 'deployments' });
    expect(matchRoute('/deployments/new')).toEqual({ page: 'new-deployment' });
    expect(matchRoute('/nowhere')).toEqual({ page: 'not-found' });
    expect(matchRoute('/machines/a/b')).toEqual({ page: 'not-found' });
    expect(matchRoute('/packages/a/b')).toEqual({ page: 'not-found' });
    expect(matchRoute('/enrollment/x')).toEqual({ page: 'not-found' });
  });

  it('round-trips machine ids and hostnames', () => {
    expect(matchRoute(machinePath('pc 01/x'))).toEqual({ page: 'machine', machineId: 'pc 01/x' });
    expect(matchRoute('/machines/%E0%A4%A')).toEqual({ page: 'not-found' });
  });

  it("maps a machine's remote pages", () => {
    expect(matchRoute(remotePath('pc 01/x', 'desktop'))).toEqual({ page: 'remote', machineId: 'pc 01/x', tool: 'desktop' });
    expect(matchRoute('/machines/m1/terminal')).toEqual({ page: 'remote', machineId: 'm1', tool: 'terminal' });
    expect(matchRoute('/machines/m1/files/')).toEqual({ page: 'remote', machineId: 'm1', tool: 'files' });
    expect(matchRoute('/machines/m1/other')).toEqual({ page: 'not-found' });
    expect(matchRoute('/machines/%E0%A4%A/files')).toEqual({ page: 'not-found' });
    expect(filesPath('m1', 'C:\\Users')).toBe('/machines/m1/files?path=C%3A%5CUsers');
  });

  it('round-trips package and deployment ids', () => {
    expect(matchRoute(packagePath('Firefox ESR (x64)'))).toEqual({ page: 'package', packageId: 'Firefox ESR (x64)' });
    const id = '5b0f8a4e-6d0c-4d0e-9a57-3f1c2b8e9d10';
    expect(matchRoute(deploymentPath(id))).toEqual({ page: 'deployment', deploymentId: id });
    expect(matchRoute('/packages/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});

describe('the account, audit and admin pages', () => {
  it('maps their paths', () => {
    expect(matchRoute('/account')).toEqual({ page: 'account' });
    expect(matchRoute('/audit/')).toEqual({ page: 'audit' });
    expect(matchRoute('/login')).toEqual({ page: 'machines' });
    expect(matchRoute('/admin')).toEqual({ page: 'admin', section: 'entities' });
    expect(matchRoute(adminPath('profiles'))).toEqual({ page: 'admin', section: 'profiles' });
    expect(matchRoute('/admin/authentication')).toEqual({ page: 'admin', section: 'authentication' });
    expect(matchRoute('/admin/nothing')).toEqual({ page: 'not-found' });
    expect(matchRoute('/admin/profiles/p1')).toEqual({ page: 'not-found' });
    expect(matchRoute('/account/x')).toEqual({ page: 'not-found' });
  });

  it('round-trips user ids', () => {
    expect(matchRoute(adminUserPath('u 1/2'))).toEqual({ page: 'admin-user', userId: 'u 1/2' });
    expect(matchRoute('/admin/users/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});

describe('newDeploymentPath', () => {
  it('carries the package and revision when given', () => {
    expect(newDeploymentPath()).toBe('/deployments/new');
    expect(newDeploymentPath('p 1')).toBe('/deployments/new?package=p+1');
    expect(newDeploymentPath('p1', 3)).toBe('/deployments/new?package=p1&revision=3');
  });
});
