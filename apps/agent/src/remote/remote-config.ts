import { existsSync } from 'node:fs';

/** Remote-session settings, as Medulla's agent generator has them (VNC disabled, VNC port, RDP disabled). */
export interface RemoteConfig {
  /** `on`: reach the VNC server on `vncPort`; `x11vnc`: start x11vnc on `vncDisplay` for each session; `off`: VNC disabled. */
  vnc: 'on' | 'x11vnc' | 'off';
  vncPort: number;
  /** The password of the VNC server the agent reaches (`on`), given to the viewer of each session. */
  vncPasswordFile: string | null;
  /** An X display, or `auto`: the active graphical session's, from systemd-logind. */
  vncDisplay: string;
  /** Port forwards to RDP (3389) allowed. */
  rdp: boolean;
  /** Asks the logged-in user; the question is its last argument; exit status 0 means yes. */
  consentCommand: string[] | null;
  terminalShell: string;
}

export const REMOTE_USAGE = `  --vnc on|x11vnc|off      remote desktop: the VNC server on --vnc-port (on, default), x11vnc started
                           on --vnc-display for each session with a one-time password, or none (env PONS_AGENT_VNC)
  --vnc-port <port>        the VNC server's port (default 5900; env PONS_AGENT_VNC_PORT)
  --vnc-password-file <f>  its password, handed to the viewer (env PONS_AGENT_VNC_PASSWORD_FILE)
  --vnc-display <display>  the X display x11vnc serves: auto (default) asks systemd-logind for the active
                           session's display, else :0 (env PONS_AGENT_VNC_DISPLAY)
  --no-rdp                 refuse port forwards to RDP (3389) (env PONS_AGENT_RDP=off)
  --consent-command <cmd>  asks the logged-in user to accept a session, the question as last argument,
                           exit 0 for yes (default: zenity when installed; env PONS_AGENT_CONSENT_COMMAND)
  --terminal-shell <path>  the remote terminal's shell (default $SHELL, else /bin/bash; env PONS_AGENT_SHELL)
`;

export const remoteOptions = {
  vnc: { type: 'string' },
  'vnc-port': { type: 'string' },
  'vnc-password-file': { type: 'string' },
  'vnc-display': { type: 'string' },
  'no-rdp': { type: 'boolean' },
  'consent-command': { type: 'string' },
  'terminal-shell': { type: 'string' },
} as const;

type Values = { [K in keyof typeof remoteOptions]?: (typeof remoteOptions)[K]['type'] extends 'boolean' ? boolean : string };

export function parseRemoteConfig(values: Values, env: NodeJS.ProcessEnv, fail: (message: string) => never): RemoteConfig {
  const vnc = values.vnc ?? env.PONS_AGENT_VNC ?? 'on';
  if (vnc !== 'on' && vnc !== 'x11vnc' && vnc !== 'off') fail(`--vnc must be on, x11vnc or off; got "${vnc}"`);
  const portText = values['vnc-port'] ?? env.PONS_AGENT_VNC_PORT ?? '5900';
  const vncPort = Number(portText);
  if (!Number.isInteger(vncPort) || vncPort < 1 || vncPort > 65_535) fail(`--vnc-port must be a port number; got "${portText}"`);
  const consent = values['consent-command'] ?? env.PONS_AGENT_CONSENT_COMMAND;
  const zenity = ['/usr/bin/zenity', '/usr/local/bin/zenity'].find((p) => existsSync(p));
  return {
    vnc,
    vncPort,
    vncPasswordFile: values['vnc-password-file'] ?? env.PONS_AGENT_VNC_PASSWORD_FILE ?? null,
    vncDisplay: values['vnc-display'] ?? env.PONS_AGENT_VNC_DISPLAY ?? 'auto',
    rdp: !(values['no-rdp'] ?? env.PONS_AGENT_RDP === 'off'),
    consentCommand: consent
      ? consent.trim().split(/\s+/)
      : zenity
        ? [zenity, '--question', '--title=Pons remote session', '--timeout=60', '--text']
        : null,
    terminalShell: values['terminal-shell'] ?? env.PONS_AGENT_SHELL ?? env.SHELL ?? (existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh'),
  };
}
