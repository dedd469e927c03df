/**
 * Paths on the machine, as its operating system writes them: `/srv/data` or `C:\Users\Public`.
 * Pure, so it is tested without a browser.
 */

const DRIVE_ROOT = /^[A-Za-z]:[\\/]?$/;

/** The separator a path uses: `\` for a Windows path that has no `/`, `/` otherwise. */
const separatorOf = (path: string) => (path.includes('\\') && !path.includes('/') ? '\\' : '/');

/** `/`, `C:\` and `C:/`: there is nothing above them. */
export function isRoot(path: string): boolean {
  return path === '/' || path === '\\' || DRIVE_ROOT.test(path);
}

/** Drops trailing separators, but keeps a root whole (`C:` becomes `C:\`). */
export function trimPath(path: string): string {
  const text = path.trim();
  if (text === '') return '/';
  if (/^[A-Za-z]:$/.test(text)) return `${text}\\`;
  if (isRoot(text)) return text;
  const trimmed = text.replace(/[\\/]+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** The directory above: `/srv/data` → `/srv`, `/srv` → `/`, `C:\Users` → `C:\`; a root stays itself. */
export function parentPath(path: string): string {
  const at = trimPath(path);
  if (isRoot(at)) return at;
  const cut = Math.max(at.lastIndexOf('/'), at.lastIndexOf('\\'));
  if (cut < 0) return at;
  const parent = at.slice(0, cut);
  if (parent === '') return at[0] === '\\' ? '\\' : '/';
  return /^[A-Za-z]:$/.test(parent) ? `${parent}${at[cut]}` : parent;
}

/** An entry of a directory: `/srv` + `data` → `/srv/data`, `C:\` + `Users` → `C:\Users`. */
export function childPath(directory: string, name: string): string {
  const at = trimPath(directory);
  return /[\\/]$/.test(at) ? `${at}${name}` : `${at}${separatorOf(at)}${name}`;
}

/** Where the file browser opens: the system drive on Windows, the root elsewhere. */
export function startPath(platform: string | undefined): string {
  return platform?.toLowerCase().startsWith('win') ? 'C:\\' : '/';
}

interface Named {
  name: string;
  type: string;
}

/** Directories first (and links, which often lead to one), then by name as people sort them. */
export function sortEntries<E extends Named>(entries: readonly E[]): E[] {
  const rank = (e: Named) => (e.type === 'directory' ? 0 : e.type === 'link' ? 1 : 2);
  const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...entries].sort((a, b) => rank(a) - rank(b) || names.compare(a.name, b.name));
}
