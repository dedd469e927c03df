import { spawn } from 'node:child_process';

/**
 * Tells the logged-in user something, and says how it was done (for the audit). Linux:
 * notify-send when the agent runs in a desktop session; an agent running as a service has none,
 * and the message then reaches only the audit. Windows and macOS: not implemented yet.
 */
export function notifyUser(title: string, message: string): Promise<string> {
  if (process.platform !== 'linux' || !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return Promise.resolve(`Message for the user (no desktop session to show it in): ${title}: ${message}`);
  }
  return new Promise((resolve) => {
    const child = spawn('notify-send', [title, message], { stdio: 'ignore' });
    child.on('error', () => resolve(`Message for the user (notify-send is missing): ${title}: ${message}`));
    child.on('close', (code) =>
      resolve(code === 0 ? `Shown to the user: ${title}: ${message}` : `notify-send failed (${code}): ${title}: ${message}`),
    );
  });
}
