import { execFile } from 'node:child_process';

/**
 * Why the agent is being stopped, as far as the host can tell: during a system shutdown systemd
 * reports "stopping", and the server then shows "host shutting down" rather than "agent stopped".
 * On other systems (and without systemd) the answer is "agent stopped".
 */
export function stopReason(): Promise<'host-shutdown' | 'agent-stopped'> {
  if (process.platform !== 'linux') return Promise.resolve('agent-stopped');
  return new Promise((resolve) => {
    execFile('systemctl', ['is-system-running'], { timeout: 1000 }, (_error, stdout) => {
      resolve(String(stdout).trim() === 'stopping' ? 'host-shutdown' : 'agent-stopped');
    });
  });
}
