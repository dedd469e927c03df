import type { WakeResponse } from '@pons/protocol';
import { bytes } from '../format.js';

/** What the remote pages say and where their sockets go. Pure, so it is tested without a browser. */

/** The tunnel's socket on this origin: `wss://` under HTTPS (always, but for a plain-HTTP dev server). */
export function socketUrl(socketPath: string, location: { protocol: string; host: string }): string {
  return `${location.protocol === 'http:' ? 'ws' : 'wss'}://${location.host}${socketPath}`;
}

/** `Connected in 1.2 s`, `Connected in 850 ms`. */
export function connectedText(ms: number): string {
  return `Connected in ${durationText(ms)}`;
}

export function durationText(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  return rounded < 1000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`;
}

/** The socket closes with 1000 when the session ended normally, 4502 when the tunnel broke (the reason says why). */
export const TUNNEL_BROKE = 4502;

/** The status line once the socket has closed. */
export function closedText(code: number, reason: string): string {
  const why = reason.trim();
  if (code === 1000) return why ? `Session ended: ${why}` : 'Session ended.';
  if (code === TUNNEL_BROKE) return why ? `The tunnel broke: ${why}` : 'The tunnel broke.';
  if (why) return `Disconnected: ${why} (code ${code})`;
  return code === 1006 ? 'The connection was lost.' : `Disconnected (code ${code}).`;
}

/** Whether the session ended as expected (status shown plainly, not as an error). */
export const closedNormally = (code: number) => code === 1000;

/** "Magic packet sent by lyon-pc-02 (agent) to 192.168.1.255:9". */
export function wakeText(result: Pick<WakeResponse, 'sentBy' | 'addresses' | 'port' | 'packets'>): string {
  const to = result.addresses.length > 0 ? result.addresses.map((a) => `${a}:${result.port}`).join(', ') : `port ${result.port}`;
  const packets = result.packets === 1 ? '' : ` (${result.packets} packets)`;
  return `Magic packet sent by ${result.sentBy.hostname} (${result.sentBy.kind}) to ${to}${packets}.`;
}

/** `42 % · 12.0 MiB of 1.5 GiB · 8.3 MiB/s`, from the share sent and how long it took. */
export function progressText(fraction: number, size: number, elapsedMs: number): string {
  const sent = Math.min(size, Math.max(0, fraction * size));
  const rate = elapsedMs > 0 ? (sent * 1000) / elapsedMs : 0;
  return `${Math.floor(fraction * 100)} % · ${bytes(sent)} of ${bytes(size)} · ${bytes(rate)}/s`;
}

/** Where a desktop or terminal session is: its status line and the `data-state` of its screen. */
export type SessionState =
  | { kind: 'connecting' }
  | { kind: 'connected'; ms: number }
  /** Ended or failed; `error` unless it ended as asked. */
  | { kind: 'closed'; text: string; error: boolean };

export function stateText(state: SessionState): string {
  if (state.kind === 'connecting') return 'Connecting…';
  if (state.kind === 'connected') return connectedText(state.ms);
  return state.text;
}

/** A terminal's size as the server takes it: 2 to 1000 columns and rows. */
export function clampSize(cols: number, rows: number): { cols: number; rows: number } {
  const clamp = (n: number) => Math.min(1000, Math.max(2, Math.floor(Number.isFinite(n) ? n : 2)));
  return { cols: clamp(cols), rows: clamp(rows) };
}

/** The text message that resizes the remote pseudo-terminal. */
export function resizeFrame(cols: number, rows: number): string {
  return JSON.stringify({ type: 'resize', ...clampSize(cols, rows) });
}
