/** The console's pages, matched from a path. Pure, so it is tested without a browser. */
export type Route =
  | { page: 'machines' }
  | { page: 'machine'; machineId: string }
  | { page: 'remote'; machineId: string; tool: RemoteTool }
  | { page: 'enrollment' }
  | { page: 'packages' }
  | { page: 'package'; packageId: string }
  | { page: 'deployments' }
  | { page: 'new-deployment' }
  | { page: 'deployment'; deploymentId: string }
  | { page: 'account' }
  | { page: 'audit' }
  | { page: 'admin'; section: AdminSection }
  | { page: 'admin-user'; userId: string }
  | { page: 'not-found' };

/** A machine's remote pages: `/machines/<id>/desktop`, `/terminal`, `/files`. */
export const REMOTE_TOOLS = ['desktop', 'terminal', 'files'] as const;
export type RemoteTool = (typeof REMOTE_TOOLS)[number];
const isRemoteTool = (part: string | undefined): part is RemoteTool => REMOTE_TOOLS.some((t) => t === part);

export const ADMIN_SECTIONS = ['entities', 'users', 'profiles', 'authentication'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];
const isAdminSection = (part: string | undefined): part is AdminSection => ADMIN_SECTIONS.some((s) => s === part);

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

/** `/admin`, `/admin/<section>`, `/admin/users/<id>`. */
function matchAdmin(parts: string[]): Route {
  const [, section, item] = parts;
  if (parts.length === 1) return { page: 'admin', section: 'entities' };
  if (parts.length === 2 && isAdminSection(section)) return { page: 'admin', section };
  const id = parts.length === 3 && section === 'users' && item !== undefined ? decode(item) : null;
  return id === null ? { page: 'not-found' } : { page: 'admin-user', userId: id };
}

export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  const [section, item] = parts;
  if (parts.length === 0) return { page: 'machines' };
  if (section === 'admin') return matchAdmin(parts);
  if (section === 'machines' && parts.length === 3 && isRemoteTool(parts[2])) {
    const id = item === undefined ? null : decode(item);
    return id === null ? { page: 'not-found' } : { page: 'remote', machineId: id, tool: parts[2] };
  }
  if (parts.length === 1) {
    if (section === 'machines') return { page: 'machines' };
    if (section === 'enrollment') return { page: 'enrollment' };
    if (section === 'packages') return { page: 'packages' };
    if (section === 'deployments') return { page: 'deployments' };
    if (section === 'account') return { page: 'account' };
    if (section === 'audit') return { page: 'audit' };
    // Where the server sends a failed single sign-on (`/login?error=…`): the login page, then the console.
    if (section === 'login') return { page: 'machines' };
    return { page: 'not-found' };
  }
  const id = parts.length === 2 && item !== undefined ? decode(item) : null;
  if (id === null) return { page: 'not-found' };
  if (section === 'machines') return { page: 'machine', machineId: id };
  if (section === 'packages') return { page: 'package', packageId: id };
  // Deployment ids are UUIDs, so "new" is never one.
  if (section === 'deployments') return item === 'new' ? { page: 'new-deployment' } : { page: 'deployment', deploymentId: id };
  return { page: 'not-found' };
}

export const machinePath = (machineId: string) => `/machines/${encodeURIComponent(machineId)}`;
export const remotePath = (machineId: string, tool: RemoteTool) => `${machinePath(machineId)}/${tool}`;
/** The file browser at a directory. */
export const filesPath = (machineId: string, path: string) => `${remotePath(machineId, 'files')}?path=${encodeURIComponent(path)}`;
export const packagePath = (packageId: string) => `/packages/${encodeURIComponent(packageId)}`;
export const adminPath = (section: AdminSection) => `/admin/${section}`;
export const adminUserPath = (userId: string) => `/admin/users/${encodeURIComponent(userId)}`;
export const deploymentPath = (deploymentId: string) => `/deployments/${encodeURIComponent(deploymentId)}`;

/** The deployment form, with the package (and version) chosen when it is opened from a package. */
export function newDeploymentPath(packageId?: string, revision?: number): string {
  const query = new URLSearchParams();
  if (packageId) query.set('package', packageId);
  if (packageId && revision !== undefined) query.set('revision', String(revision));
  const text = query.toString();
  return text ? `/deployments/new?${text}` : '/deployments/new';
}
