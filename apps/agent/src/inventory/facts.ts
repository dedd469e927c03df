import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { AgentFacts } from '@pons/protocol';

export function platformName(): AgentFacts['platform'] {
  const p = os.platform();
  return p === 'linux' || p === 'win32' || p === 'darwin' ? (p === 'win32' ? 'windows' : p) : 'other';
}

/** NAME and VERSION_ID from /etc/os-release, the portable way to name a Linux distribution. */
export function linuxRelease(read: (file: string) => string = (f) => readFileSync(f, 'utf8')): { name: string; version: string } {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      const fields = Object.fromEntries(
        read(file)
          .split('\n')
          .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
          .filter((m): m is RegExpMatchArray => m !== null)
          .map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]),
      );
      return { name: fields.NAME ?? 'Linux', version: fields.VERSION ?? fields.VERSION_ID ?? os.release() };
    } catch {
      // try the next file
    }
  }
  return { name: 'Linux', version: os.release() };
}

export function normaliseMac(mac: string): string | null {
  const m = mac.toLowerCase().replace(/-/g, ':');
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m) && m !== '00:00:00:00:00:00' ? m : null;
}

/** Facts for the hello frame, from Node alone: fast and identical on every OS. */
export function quickFacts(hostnameOverride: string | null): AgentFacts {
  const platform = platformName();
  const release = platform === 'linux' ? linuxRelease() : { name: os.type(), version: os.release() };
  const ips = new Set<string>();
  const macs = new Set<string>();
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.internal) continue;
      ips.add(address.address.split('%')[0]!.toLowerCase());
      const mac = normaliseMac(address.mac);
      if (mac) macs.add(mac);
    }
  }
  return {
    hostname: (hostnameOverride ?? os.hostname()).slice(0, 255) || 'unknown',
    platform,
    osName: release.name.slice(0, 256),
    osVersion: release.version.slice(0, 256),
    arch: os.arch(),
    ipAddresses: [...ips].slice(0, 64),
    macAddresses: [...macs].slice(0, 64),
  };
}
