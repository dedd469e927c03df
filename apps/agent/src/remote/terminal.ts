import { TunnelControlFrame, Validator } from '@pons/protocol';
import type { WebSocket } from 'ws';
import type * as NodePty from 'node-pty';
import type { IPty } from 'node-pty';
import { toBuffer } from './pipe.js';
import { TunnelError } from './tunnel-error.js';

const control = new Validator(TunnelControlFrame);

/** A shell under a pseudo-terminal (node-pty, loaded only when a terminal is asked for). */
export async function openTerminal(shell: string, cols: number, rows: number): Promise<IPty> {
  let pty: typeof NodePty;
  try {
    pty = await import('node-pty');
  } catch (error) {
    throw new TunnelError('PONS_E_REMOTE_DISABLED', `The remote terminal is not available on this agent: ${(error as Error).message}`);
  }
  try {
    return pty.spawn(shell, [], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: process.env.HOME ?? '/',
      env: { ...process.env, TERM: 'xterm-256color', LANG: process.env.LANG ?? 'C.UTF-8' },
      encoding: null,
    });
  } catch (error) {
    throw new TunnelError('PONS_E_TUNNEL_TARGET', `Cannot start the shell ${shell}: ${(error as Error).message}`);
  }
}

/** Terminal bytes both ways as binary messages; `resize` text frames resize the PTY. */
export function pipeTerminal(term: IPty, ws: WebSocket): void {
  let waiting = false;
  term.onData((data: string | Buffer) => {
    ws.send(typeof data === 'string' ? Buffer.from(data) : data, { binary: true });
    // A flood of output (cat of a big file) waits for the viewer instead of filling memory.
    if (ws.bufferedAmount > 1024 * 1024 && !waiting) {
      waiting = true;
      term.pause();
      const wait = setInterval(() => {
        if (ws.bufferedAmount < 256 * 1024 || ws.readyState !== ws.OPEN) {
          clearInterval(wait);
          waiting = false;
          term.resume();
        }
      }, 20);
    }
  });
  term.onExit(({ exitCode }) => ws.close(1000, `The shell exited (status ${exitCode}).`));
  ws.on('message', (data, binary) => {
    const bytes = toBuffer(data);
    if (binary) return term.write(bytes);
    let frame: unknown;
    try {
      frame = JSON.parse(bytes.toString());
    } catch {
      return;
    }
    if (control.is(frame) && frame.type === 'resize') term.resize(frame.cols, frame.rows);
  });
  ws.on('close', () => term.kill());
}
