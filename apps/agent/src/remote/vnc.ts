import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { AgentLogger } from '../log.js';
import type { RemoteConfig } from './remote-config.js';
import { activeSession } from './active-display.js';
import { connectTcp, freePort, waitForPort } from './tcp.js';
import { TunnelError } from './tunnel-error.js';

export interface VncTarget {
  socket: Socket;
  password: string | undefined;
}

/**
 * The machine's VNC server for one session: the configured one (its password from a file), or
 * an x11vnc started for this session on the display, listening on the loopback only, with a
 * one-time password, ending when the viewer leaves.
 */
export async function openVnc(config: RemoteConfig, log: AgentLogger): Promise<VncTarget> {
  if (config.vnc === 'off') throw new TunnelError('PONS_E_REMOTE_DISABLED', "VNC is disabled in this agent's configuration (--vnc off).");
  if (config.vnc === 'on') {
    const password = config.vncPasswordFile ? readFileSync(config.vncPasswordFile, 'utf8').trim() : undefined;
    const socket = await connectTcp('127.0.0.1', config.vncPort, "the VNC server of this agent's configuration, --vnc-port", 3000);
    return { socket, password };
  }
  if (config.vncDisplay !== 'auto') return startX11vnc(config.vncDisplay, [], log);
  const session = await activeSession();
  if (session?.type === 'wayland')
    throw new TunnelError('PONS_E_TUNNEL_TARGET', `${session.user}'s session is Wayland: x11vnc serves X11 sessions only.`);
  // The user's X server wants its cookie: x11vnc finds it (-auth guess) from the display's server.
  return session ? startX11vnc(session.display, ['-auth', 'guess'], log) : startX11vnc(':0', ['-auth', 'guess'], log);
}

async function startX11vnc(display: string, extra: string[], log: AgentLogger): Promise<VncTarget> {
  const port = await freePort();
  // VNC passwords are 8 characters; x11vnc reads the file and removes it (rm:).
  const password = randomBytes(6).toString('base64url').slice(0, 8);
  const file = path.join(tmpdir(), `pons-vnc-${randomBytes(8).toString('hex')}`);
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  const args = [
    ...extra,
    '-display',
    display,
    '-localhost',
    '-rfbport',
    String(port),
    '-passwdfile',
    `rm:${file}`,
    '-forever',
    '-shared',
    '-quiet',
  ];
  let exited: string | null = null;
  let output = '';
  const child = spawn('x11vnc', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  child.once('error', (error) => (exited = error.message));
  child.once('exit', (code) => (exited ??= `exit status ${code}`));
  if (!(await waitForPort(port, 8000, () => exited === null))) {
    child.kill();
    const hint = /cannot open display|XOpenDisplay/i.test(output)
      ? `cannot open display ${display}`
      : (exited ?? 'it did not start listening within 8 s');
    throw new TunnelError('PONS_E_TUNNEL_TARGET', `x11vnc could not serve display ${display}: ${hint}.`);
  }
  log.info('x11vnc started for a remote session', { display, port });
  const socket = await connectTcp('127.0.0.1', port, 'the x11vnc started for this session', 3000);
  // Started for this session only: it ends with it.
  socket.once('close', () => child.kill());
  return { socket, password };
}
