import { describe, expect, it } from 'vitest';
import { machinePath, matchRoute } from './routes.js';

describe('matchRoute', () => {
  it('maps paths to pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'machines' });
    expect(matchRoute('/machines')).toEqual({ page: 'machines' });
    expect(matchRoute('/machines/')).toEqual({ page: 'machines' });
    expect(matchRoute('/enrollment')).toEqual({ page: 'enrollment' });
    expect(matchRoute('/nowhere')).toEqual({ page: 'not-found' });
    expect(matchRoute('/machines/a/b')).toEqual({ page: 'not-found' });
  });

  it('round-trips machine ids and hostnames', () => {
    expect(matchRoute(machinePath('pc 01/x'))).toEqual({ page: 'machine', machineId: 'pc 01/x' });
    expect(matchRoute('/machines/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});
