import type { InventoryDocument } from '@pons/protocol';

export interface Subnet {
  network: number;
  mask: number;
  broadcast: string;
}

export function ipv4ToInt(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

function intToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

function prefixOf(prefixLength: number | undefined, netmask: string | undefined): number | null {
  if (prefixLength !== undefined) return prefixLength;
  const mask = netmask ? ipv4ToInt(netmask) : null;
  if (mask === null) return null;
  const zero = mask.toString(2).padStart(32, '0').indexOf('0');
  return zero === -1 ? 32 : zero;
}

/** The IPv4 subnets a machine's inventory says it is on (loopback and single-host networks left out). */
export function subnetsOf(document: InventoryDocument | null): Subnet[] {
  const found = new Map<string, Subnet>();
  for (const nic of document?.network ?? []) {
    for (const entry of nic.ipv4 ?? []) {
      const address = ipv4ToInt(entry.address);
      const prefix = prefixOf(entry.prefixLength, entry.netmask);
      if (address === null || prefix === null || prefix < 8 || prefix > 30 || entry.address.startsWith('127.')) continue;
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      const network = (address & mask) >>> 0;
      const broadcast = intToIpv4((network | (~mask >>> 0)) >>> 0);
      found.set(broadcast, { network, mask, broadcast });
    }
  }
  return [...found.values()];
}

export function inSubnet(address: string, subnet: Subnet): boolean {
  const value = ipv4ToInt(address);
  return value !== null && (value & subnet.mask) >>> 0 === subnet.network;
}
