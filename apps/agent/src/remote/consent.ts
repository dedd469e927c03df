import { spawn } from 'node:child_process';
import type { RemoteConfig } from './remote-config.js';
import { TunnelError } from './tunnel-error.js';

/**
 * Asks the logged-in user to accept a remote session (Medulla's VNC permission setting): the
 * consent command gets the question as its last argument; exit status 0 is yes. No way to ask, a
 * refusal, or no answer in time: the session does not open.
 */
export function askConsent(config: RemoteConfig, requester: string, kind: string, timeoutMs: number): Promise<void> {
  const command = config.consentCommand;
  if (!command)
    return Promise.reject(
      new TunnelError(
        'PONS_E_CONSENT_REFUSED',
        'This entity asks users to accept remote sessions, but this agent has no way to ask (no --consent-command, no zenity).',
      ),
    );
  const question = `${requester} wants to open a ${kind === 'vnc' ? 'remote desktop' : 'remote terminal'} session on this computer. Do you accept?`;
  const [program = '', ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, question], {
      stdio: 'ignore',
      env: { ...process.env, DISPLAY: process.env.DISPLAY ?? (config.vncDisplay === 'auto' ? ':0' : config.vncDisplay) },
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new TunnelError('PONS_E_CONSENT_REFUSED', `The user did not answer within ${timeoutMs / 1000} s; the session was not opened.`),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new TunnelError('PONS_E_CONSENT_REFUSED', `The user could not be asked (${error.message}); the session was not opened.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new TunnelError('PONS_E_CONSENT_REFUSED', 'The user logged in on the machine refused the session.'));
    });
  });
}
