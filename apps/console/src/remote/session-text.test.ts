import { describe, expect, it } from 'vitest';
import {
  clampSize,
  closedNormally,
  closedText,
  connectedText,
  progressText,
  resizeFrame,
  socketUrl,
  stateText,
  wakeText,
} from './session-text.js';

describe('session texts', () => {
  it('builds the socket URL on this origin', () => {
    expect(socketUrl('/api/v1/tunnels/t1/socket', { protocol: 'https:', host: 'pons.example:8443' })).toBe(
      'wss://pons.example:8443/api/v1/tunnels/t1/socket',
    );
    expect(socketUrl('/s', { protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/s');
  });

  it('says how long connecting took', () => {
    expect(connectedText(1234)).toBe('Connected in 1.2 s');
    expect(connectedText(850.4)).toBe('Connected in 850 ms');
    expect(stateText({ kind: 'connecting' })).toBe('Connecting…');
    expect(stateText({ kind: 'connected', ms: 2000 })).toBe('Connected in 2.0 s');
  });

  it('says why the socket closed', () => {
    expect(closedText(1000, '')).toBe('Session ended.');
    expect(closedNormally(1000)).toBe(true);
    expect(closedText(4502, 'nothing listens on port 5900')).toBe('The tunnel broke: nothing listens on port 5900');
    expect(closedNormally(4502)).toBe(false);
    expect(closedText(1006, '')).toBe('The connection was lost.');
    expect(closedText(4403, 'refused')).toBe('Disconnected: refused (code 4403)');
  });

  it('sizes the terminal within what the server takes', () => {
    expect(clampSize(0, 5000)).toEqual({ cols: 2, rows: 1000 });
    expect(clampSize(120.7, Number.NaN)).toEqual({ cols: 120, rows: 2 });
    expect(JSON.parse(resizeFrame(80, 24))).toEqual({ type: 'resize', cols: 80, rows: 24 });
  });

  it('says who sent the magic packet', () => {
    const sentBy = { kind: 'agent' as const, machineId: 'm2', hostname: 'lyon-pc-02' };
    const result = {
      machineId: 'm1',
      hostname: 'pc',
      macs: ['aa:bb:cc:dd:ee:ff'],
      sentBy,
      addresses: ['192.168.1.255'],
      port: 9,
      packets: 1,
    };
    expect(wakeText(result)).toBe('Magic packet sent by lyon-pc-02 (agent) to 192.168.1.255:9.');
    const server = {
      ...result,
      sentBy: { kind: 'server' as const, machineId: null, hostname: 'pons' },
      addresses: ['10.0.0.255', '10.0.1.255'],
      packets: 6,
    };
    expect(wakeText(server)).toBe('Magic packet sent by pons (server) to 10.0.0.255:9, 10.0.1.255:9 (6 packets).');
  });

  it('shows an upload’s progress and rate', () => {
    expect(progressText(0.5, 2 * 1024 * 1024, 1000)).toBe('50 % · 1.0 MiB of 2.0 MiB · 1.0 MiB/s');
    expect(progressText(0, 1024, 0)).toBe('0 % · 0 B of 1.0 KiB · 0 B/s');
  });
});
