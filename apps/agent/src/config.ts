import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from '@pons/protocol';
import { normaliseFingerprint } from '@pons/crypto';
import type { LogLevel } from './log.js';
import { parseRemoteConfig, REMOTE_USAGE, remoteOptions, type RemoteConfig } from './remote/remote-config.js';

export interface AgentConfig {
  /** One or more servers (nodes of one installation, sharing one CA); the agent fails over between them. */
  servers: string[] | null;
  token: string | null;
  caFingerprint: string | null;
  stateDir: string;
  /** `auto` uses SMBIOS UUID and serial when readable; `generated` always uses the agent's own id. */
  identity: 'auto' | 'generated';
  hostname: string | null;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  logLevel: LogLevel;
  /** Stop when the process that started us is gone (the local agent of `pons server --local-agent`). */
  exitWithParent: boolean;
  /** What a deployment's reboot step and the reboot quick action run. */
  rebootCommand: string[];
  /** What the shutdown quick action runs. */
  shutdownCommand: string[];
  remote: RemoteConfig;
}

export function defaultShutdownCommand(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return ['shutdown', '/s', '/t', '0'];
  if (platform === 'darwin') return ['shutdown', '-h', 'now'];
  return ['systemctl', 'poweroff'];
}

export function defaultRebootCommand(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return ['shutdown', '/r', '/t', '0'];
  if (platform === 'darwin') return ['shutdown', '-r', 'now'];
  return ['systemctl', 'reboot'];
}

export class AgentConfigError extends Error {}

export const USAGE = `Usage: pons agent --server https://HOST:8443 --token TOKEN --ca-fingerprint sha256:...

  --server <url>[,<url>..]  the Pons server, or several nodes to fail over between (env PONS_SERVER)
  --token <token>          enrollment token, needed once (env PONS_ENROLL_TOKEN)
  --ca-fingerprint <fp>    SHA-256 fingerprint of the server's CA, pinned (env PONS_CA_FINGERPRINT)
  --state-dir <dir>        where the agent keeps its key and identity (env PONS_AGENT_STATE_DIR)
  --identity auto|generated  hardware identity source (default auto; generated for clones/containers)
  --hostname <name>        name to report instead of the system's (env PONS_AGENT_HOSTNAME)
  --reconnect-base <dur>   first reconnect delay window (default 1s)
  --reconnect-max <dur>    longest reconnect delay window (default 60s)
  --log-level <level>      debug|info|warn|error (env PONS_LOG_LEVEL)
  --exit-with-parent       stop when the parent process ends (used by pons server --local-agent)
  --reboot-command <cmd>   what a package's reboot step runs (default: systemctl reboot;
                           env PONS_AGENT_REBOOT_COMMAND)
  --shutdown-command <cmd> what the shutdown quick action runs (default: systemctl poweroff;
                           env PONS_AGENT_SHUTDOWN_COMMAND)
${REMOTE_USAGE}`;

function defaultStateDir(): string {
  if (process.getuid?.() === 0) return '/var/lib/pons-agent';
  return path.join(process.env.XDG_STATE_HOME ?? path.join(homedir(), '.local', 'state'), 'pons-agent');
}

function commandLine(text: string | undefined, fallback: () => string[], flag: string): string[] {
  if (text === undefined) return fallback();
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new AgentConfigError(`${flag} must name a program`);
  return parts;
}

function duration(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new AgentConfigError(`${name} must be a duration such as 500ms, 5s or 2m, got "${text}"`);
  return ms;
}

export function parseAgentConfig(argv: string[], env: NodeJS.ProcessEnv): AgentConfig & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      'ca-fingerprint': { type: 'string' },
      'state-dir': { type: 'string' },
      identity: { type: 'string' },
      hostname: { type: 'string' },
      'reconnect-base': { type: 'string' },
      'reconnect-max': { type: 'string' },
      'log-level': { type: 'string' },
      'exit-with-parent': { type: 'boolean' },
      'reboot-command': { type: 'string' },
      'shutdown-command': { type: 'string' },
      ...remoteOptions,
      help: { type: 'boolean', short: 'h' },
    },
  });
  const rawPin = values['ca-fingerprint'] ?? env.PONS_CA_FINGERPRINT ?? null;
  const pin = rawPin === null ? null : normaliseFingerprint(rawPin);
  if (rawPin !== null && !pin)
    throw new AgentConfigError(`--ca-fingerprint must be a SHA-256 fingerprint such as sha256:3f9a...; got "${rawPin}"`);
  const serverList = values.server ?? env.PONS_SERVER ?? null;
  const servers =
    serverList === null
      ? null
      : serverList
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  for (const server of servers ?? []) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new AgentConfigError(`--server must be a URL such as https://pons.example.org:8443; got "${server}"`);
    }
    if (url.protocol !== 'https:') throw new AgentConfigError('--server must use https://: the agent only talks to a server it can verify');
  }
  if (servers?.length === 0) throw new AgentConfigError('--server needs at least one URL');
  const identity = values.identity ?? 'auto';
  if (identity !== 'auto' && identity !== 'generated') throw new AgentConfigError('--identity must be auto or generated');
  return {
    help: values.help ?? false,
    servers,
    token: values.token ?? env.PONS_ENROLL_TOKEN ?? null,
    caFingerprint: pin ?? null,
    stateDir: path.resolve(values['state-dir'] ?? env.PONS_AGENT_STATE_DIR ?? defaultStateDir()),
    identity,
    hostname: values.hostname ?? env.PONS_AGENT_HOSTNAME ?? null,
    reconnectBaseMs: duration('--reconnect-base', values['reconnect-base'] ?? env.PONS_RECONNECT_BASE, 1000),
    reconnectMaxMs: duration('--reconnect-max', values['reconnect-max'] ?? env.PONS_RECONNECT_MAX, 60_000),
    logLevel: (values['log-level'] ?? env.PONS_LOG_LEVEL ?? 'info') as LogLevel,
    exitWithParent: values['exit-with-parent'] ?? false,
    rebootCommand: commandLine(values['reboot-command'] ?? env.PONS_AGENT_REBOOT_COMMAND, defaultRebootCommand, '--reboot-command'),
    shutdownCommand: commandLine(
      values['shutdown-command'] ?? env.PONS_AGENT_SHUTDOWN_COMMAND,
      defaultShutdownCommand,
      '--shutdown-command',
    ),
    remote: parseRemoteConfig(values, env, (message) => {
      throw new AgentConfigError(message);
    }),
  };
}
