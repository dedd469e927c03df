import RFB from '@novnc/novnc';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { errorMessage } from '../api.js';
import { remoteApi } from './remote-api.js';
import { markSessionRequested, recordFirstFrame, takeSessionStart } from './remote-timing.js';
import { closedNormally, closedText, socketUrl, type SessionState } from './session-text.js';

export interface DesktopSession {
  state: SessionState;
  disconnect: () => void;
  ctrlAltDel: () => void;
  /** A new session after one ended. */
  reconnect: () => void;
}

/**
 * A remote desktop drawn into `screen`: opens a `vnc` tunnel, then gives noVNC the tunnel's
 * socket. The socket is opened here so that its close code and reason (4502: the tunnel broke,
 * and why) can be shown; noVNC itself only says that it disconnected.
 */
export function useDesktop(machineId: string, screen: RefObject<HTMLDivElement | null>): DesktopSession {
  const [state, setState] = useState<SessionState>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const rfb = useRef<RFB | null>(null);
  const stop = useRef<() => void>(() => undefined);

  useEffect(() => {
    const start = takeSessionStart();
    let live = true;
    let ended = false;
    let asked = false;
    let socket: WebSocket | null = null;
    setState({ kind: 'connecting' });

    // The first reason given is the one shown: noVNC reports a disconnect after a refusal too.
    const end = (text: string, error: boolean) => {
      if (!live || ended) return;
      ended = true;
      rfb.current = null;
      setState({ kind: 'closed', text, error });
    };

    stop.current = () => {
      asked = true;
      if (rfb.current) rfb.current.disconnect();
      else end('Disconnected.', false);
    };

    remoteApi.openTunnel(machineId, { kind: 'vnc' }).then(
      (tunnel) => {
        const target = screen.current;
        if (!live || ended || !target) return;
        socket = new WebSocket(socketUrl(tunnel.socketPath, window.location));
        let closed: { code: number; reason: string } | null = null;
        // Registered before noVNC's own handler, so it is known when noVNC reports the disconnect.
        socket.addEventListener('close', (event) => (closed = { code: event.code, reason: event.reason }));
        const client = new RFB(target, socket, tunnel.vncPassword ? { credentials: { password: tunnel.vncPassword } } : {});
        client.scaleViewport = true;
        client.background = '#1b2430';
        client.addEventListener('connect', () => {
          if (live) setState({ kind: 'connected', ms: recordFirstFrame(start) });
          client.focus({ preventScroll: true });
        });
        client.addEventListener('securityfailure', (event) =>
          end(`The VNC server refused the session${event.detail.reason ? `: ${event.detail.reason}` : '.'}`, true),
        );
        client.addEventListener('credentialsrequired', () => {
          end('The VNC server asks for a password the tunnel did not provide.', true);
          client.disconnect();
        });
        client.addEventListener('disconnect', (event) => {
          if (asked) return end('Disconnected.', false);
          if (closed) return end(closedText(closed.code, closed.reason), !closedNormally(closed.code));
          end(event.detail.clean ? 'The remote desktop ended the session.' : 'The remote desktop connection failed.', !event.detail.clean);
        });
        rfb.current = client;
      },
      (failure: unknown) => end(errorMessage(failure), true),
    );

    return () => {
      live = false;
      rfb.current?.disconnect();
      rfb.current = null;
      if (socket && socket.readyState < WebSocket.CLOSING) socket.close(1000);
    };
  }, [machineId, screen, attempt]);

  return {
    state,
    disconnect: () => stop.current(),
    ctrlAltDel: () => rfb.current?.sendCtrlAltDel(),
    reconnect: () => {
      markSessionRequested();
      setAttempt((n) => n + 1);
    },
  };
}
