import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { magicPacket, sendMagicPackets } from './wake-on-lan.js';

describe('Wake-on-LAN', () => {
  it('builds the magic packet: six 0xff, then the MAC sixteen times', () => {
    const packet = magicPacket('52:54:00:12:34:56');
    expect(packet.length).toBe(102);
    expect(packet.subarray(0, 6).toString('hex')).toBe('ffffffffffff');
    expect(packet.subarray(96).toString('hex')).toBe('525400123456');
    expect(() => magicPacket('52:54:00')).toThrow('not a MAC address');
  });

  it('sends one packet per MAC and address, over UDP', async () => {
    const listener = createSocket('udp4');
    const received: Buffer[] = [];
    const both = new Promise<void>((resolve) =>
      listener.on('message', (m) => {
        received.push(m);
        if (received.length === 2) resolve();
      }),
    );
    await new Promise<void>((resolve) => listener.bind(0, '127.0.0.1', () => resolve()));
    const port = listener.address().port;
    const sent = await sendMagicPackets(['52:54:00:12:34:56', '52:54:00:aa:bb:cc'], { addresses: ['127.0.0.1'], port });
    expect(sent).toBe(2);
    await both;
    listener.close();
    expect(received.map((m) => m.subarray(6, 12).toString('hex')).sort()).toEqual(['525400123456', '525400aabbcc']);
  });
});
