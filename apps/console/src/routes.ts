/** The console's pages, matched from a path. Pure, so it is tested without a browser. */
export type Route = { page: 'machines' } | { page: 'machine'; machineId: string } | { page: 'enrollment' } | { page: 'not-found' };

export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'machines')) return { page: 'machines' };
  if (parts.length === 2 && parts[0] === 'machines') {
    try {
      return { page: 'machine', machineId: decodeURIComponent(parts[1]!) };
    } catch {
      return { page: 'not-found' };
    }
  }
  if (parts.length === 1 && parts[0] === 'enrollment') return { page: 'enrollment' };
  return { page: 'not-found' };
}

export const machinePath = (machineId: string) => `/machines/${encodeURIComponent(machineId)}`;
