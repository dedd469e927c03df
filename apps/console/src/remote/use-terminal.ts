import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { errorMessage } from '../api.js';
import { remoteApi } from './remote-api.js';
import { markSessionRequested, takeSessionStart } from './remote-timing.js';
import { clampSize, closedNormally, closedText, resizeFrame, socketUrl, type SessionState } from './session-text.js';

export interface TerminalSession {
  state: SessionState;
  disconnect: () => void;
  /** A new session after one ended. */
  reconnect: () => void;
}

const OPTIONS = {
  cursorBlink: true,
  fontFamily: "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  fontSize: 14,
  scrollback: 5000,
  theme: { background: '#1b2430' },
};

/**
 * A shell on the machine in xterm.js, sized to `container`: opens a `terminal` tunnel, then
 * carries keystrokes and output as the terminal's UTF-8 bytes (binary messages); a text message
 * resizes the remote pseudo-terminal after each fit.
 */
export function useTerminal(machineId: string, container: RefObject<HTMLDivElement | null>): TerminalSession {
  const [state, setState] = useState<SessionState>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const stop = useRef<() => void>(() => undefined);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const start = takeSessionStart();
    const term = new Terminal(OPTIONS);
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    let live = true;
    let ended = false;
    let asked = false;
    let socket: WebSocket | null = null;
    setState({ kind: 'connecting' });

    const open = () => socket !== null && socket.readyState === WebSocket.OPEN;
    const sendSize = () => open() && socket?.send(resizeFrame(term.cols, term.rows));
    const encoder = new TextEncoder();
    const typed = term.onData((data) => open() && socket?.send(encoder.encode(data)));
    // Some mouse reports are raw bytes, one per character.
    const binary = term.onBinary((data) => open() && socket?.send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    const resized = term.onResize(sendSize);
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);

    const end = (text: string, error: boolean) => {
      if (!live || ended) return;
      ended = true;
      socket = null;
      setState({ kind: 'closed', text, error });
    };
    stop.current = () => {
      asked = true;
      if (socket) socket.close(1000);
      else end('Disconnected.', false);
    };

    remoteApi.openTunnel(machineId, { kind: 'terminal', ...clampSize(term.cols, term.rows) }).then(
      (tunnel) => {
        if (!live || ended) return;
        const ws = new WebSocket(socketUrl(tunnel.socketPath, window.location));
        ws.binaryType = 'arraybuffer';
        ws.addEventListener('open', () => {
          if (!live) return;
          setState({ kind: 'connected', ms: performance.now() - start });
          fit.fit();
          sendSize();
          term.focus();
        });
        ws.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
          if (live && typeof event.data !== 'string') term.write(new Uint8Array(event.data));
        });
        ws.addEventListener('close', (event) => {
          if (!live) return;
          term.write('\r\n\x1b[2m[session ended]\x1b[0m\r\n');
          if (asked) end('Disconnected.', false);
          else end(closedText(event.code, event.reason), !closedNormally(event.code));
        });
        socket = ws;
      },
      (failure: unknown) => end(errorMessage(failure), true),
    );

    return () => {
      live = false;
      observer.disconnect();
      typed.dispose();
      binary.dispose();
      resized.dispose();
      if (socket && socket.readyState < WebSocket.CLOSING) socket.close(1000);
      socket = null;
      term.dispose();
    };
  }, [machineId, container, attempt]);

  return {
    state,
    disconnect: () => stop.current(),
    reconnect: () => {
      markSessionRequested();
      setAttempt((n) => n + 1);
    },
  };
}
