import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GraphicalSession {
  id: string;
  user: string;
  type: string;
  display: string;
}

/** `loginctl show-session` output (`Key=value` lines) as a record. */
export function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) properties[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return properties;
}

/** The active graphical session among those logind knows: X11 with its display, or Wayland. */
export function pickActive(sessions: Array<Record<string, string>>): GraphicalSession | null {
  const graphical = sessions.filter((s) => (s.Type === 'x11' || s.Type === 'wayland') && s.Active === 'yes');
  const chosen = graphical.find((s) => s.Type === 'x11' && s.Display) ?? graphical[0];
  if (!chosen) return null;
  return { id: chosen.Id ?? '', user: chosen.Name ?? '', type: chosen.Type ?? '', display: chosen.Display ?? '' };
}

/**
 * The display of the user sitting at the machine, from systemd-logind, for `--vnc-display auto`.
 * Null when logind is not there or nobody is logged in graphically.
 */
export async function activeSession(): Promise<GraphicalSession | null> {
  try {
    const { stdout } = await run('loginctl', ['list-sessions', '--no-legend'], { timeout: 3000 });
    const ids = stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0])
      .filter((id): id is string => Boolean(id));
    const sessions = await Promise.all(
      ids.map(async (id) => {
        const { stdout: props } = await run(
          'loginctl',
          ['show-session', id, '-p', 'Id', '-p', 'Name', '-p', 'Type', '-p', 'Active', '-p', 'Display'],
          {
            timeout: 3000,
          },
        );
        return parseProperties(props);
      }),
    );
    return pickActive(sessions);
  } catch {
    return null;
  }
}
