import { createSocket } from 'node:dgram';

/** The magic packet for a MAC address: six 0xff bytes, then the address sixteen times. */
export function magicPacket(mac: string): Buffer {
  const bytes = Buffer.from(mac.replace(/[:-]/g, ''), 'hex');
  if (bytes.length !== 6) throw new Error(`"${mac}" is not a MAC address`);
  return Buffer.concat([Buffer.alloc(6, 0xff), ...Array.from({ length: 16 }, () => bytes)]);
}

export interface WakeOnLanOptions {
  /** Broadcast (or unicast) addresses to send to; magic packets do not cross routers. */
  addresses: string[];
  port: number;
}

/**
 * Sends magic packets to broadcast (or unicast) addresses: from the server for machines on its own
 * networks, from an agent for a sleeping neighbour on its subnet.
 */
export async function sendMagicPackets(macs: string[], options: WakeOnLanOptions): Promise<number> {
  if (macs.length === 0 || options.addresses.length === 0) return 0;
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => socket.bind(0, () => resolve()).once('error', reject));
  socket.setBroadcast(true);
  let sent = 0;
  try {
    for (const mac of macs) {
      const packet = magicPacket(mac);
      for (const address of options.addresses) {
        await new Promise<void>((resolve, reject) =>
          socket.send(packet, options.port, address, (error) => (error ? reject(error) : resolve())),
        );
        sent++;
      }
    }
  } finally {
    socket.close();
  }
  return sent;
}
