import os from 'node:os';
import si from 'systeminformation';
import type { InventoryDocument, InventoryInterface, InventoryNote } from '@pons/protocol';
import { AGENT_VERSION } from '../version.js';
import type { InventoryCollector } from './collector.js';
import { linuxRelease, normaliseMac, quickFacts } from './facts.js';
import { linuxSoftware } from './software-linux.js';

// systeminformation writes "-" for a value it could not read; report it as absent, not as data.
const str = (value: unknown, max = 512): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '-' ? undefined : trimmed.slice(0, max);
};
const int = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Linux inventory: systeminformation for hardware, Node for addresses (every address, not just
 * the first), dpkg or rpm for software. Each section is collected on its own: a failing one is
 * reported in `notes` and the others still arrive.
 */
export class LinuxCollector implements InventoryCollector {
  constructor(private readonly hostnameOverride: string | null) {}

  facts() {
    return Promise.resolve(quickFacts(this.hostnameOverride));
  }

  async hardwareIdentity(): Promise<{ smbiosUuid?: string; serial?: string }> {
    try {
      const system = await si.system();
      return defined({ smbiosUuid: str(system.uuid, 64), serial: str(system.serial, 256) });
    } catch {
      return {};
    }
  }

  async collect(): Promise<InventoryDocument> {
    const notes: InventoryNote[] = [];
    const section = async <T>(name: string, read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch (error) {
        notes.push({ section: name, message: `could not be read: ${(error as Error).message}`.slice(0, 1024) });
        return undefined;
      }
    };
    const release = linuxRelease();
    const [system, bios, chassis, cpu, mem, disks, filesystems, network, users, software] = await Promise.all([
      section('hardware', () => si.system()),
      section('bios', () => si.bios()),
      section('chassis', () => si.chassis()),
      section('cpu', () => si.cpu()),
      section('memory', () => si.mem()),
      section('disks', () => si.diskLayout()),
      section('filesystems', () => si.fsSize()),
      section('network', () => this.network()),
      section('users', () => si.users()),
      section('software', () => linuxSoftware()),
    ]);
    const time = si.time();
    return {
      schema: 1,
      collectedAt: Date.now(),
      agentVersion: AGENT_VERSION,
      system: defined({
        hostname: (this.hostnameOverride ?? os.hostname()).slice(0, 255),
        platform: 'linux' as const,
        osName: release.name.slice(0, 512),
        osVersion: release.version.slice(0, 512),
        kernel: str(os.release()),
        arch: os.arch(),
        uptimeSeconds: int(os.uptime()),
        timezone: str(time.timezone, 128),
      }),
      ...(system || bios
        ? {
            hardware: defined({
              vendor: str(system?.manufacturer),
              model: str(system?.model),
              serial: str(system?.serial),
              smbiosUuid: str(system?.uuid, 64),
              chassis: str(chassis?.type),
              biosVendor: str(bios?.vendor),
              biosVersion: str(bios?.version),
              biosDate: str(bios?.releaseDate, 64),
              virtual: typeof system?.virtual === 'boolean' ? system.virtual : undefined,
            }),
          }
        : {}),
      ...(cpu
        ? {
            cpu: defined({
              model: str(`${cpu.manufacturer} ${cpu.brand}`) ?? 'unknown',
              vendor: str(cpu.vendor),
              cores: int(cpu.cores) ?? os.cpus().length,
              physicalCores: int(cpu.physicalCores),
              sockets: int(cpu.processors),
              speedMHz: cpu.speed ? cpu.speed * 1000 : undefined,
            }),
          }
        : {}),
      ...(mem ? { memory: defined({ totalBytes: int(mem.total) ?? 0, swapBytes: int(mem.swaptotal) }) } : {}),
      ...(disks
        ? {
            disks: disks.slice(0, 256).map((d) =>
              defined({
                device: str(d.device) ?? str(d.name) ?? 'unknown',
                type: str(d.type, 64),
                model: str(d.name),
                serial: str(d.serialNum),
                sizeBytes: int(d.size) ?? 0,
                interface: str(d.interfaceType, 64),
              }),
            ),
          }
        : {}),
      ...(filesystems
        ? {
            filesystems: filesystems.slice(0, 512).map((f) =>
              defined({
                mount: str(f.mount, 1024) ?? '',
                fsType: str(f.type, 64),
                device: str(f.fs, 1024),
                sizeBytes: int(f.size) ?? 0,
                usedBytes: int(f.used) ?? 0,
              }),
            ),
          }
        : {}),
      ...(network ? { network: network.interfaces, ...(network.gateway ? { defaultGateway: network.gateway } : {}) } : {}),
      ...(users
        ? {
            users: users.slice(0, 1024).map((u) =>
              defined({
                name: str(u.user, 256) ?? '?',
                terminal: str(u.tty, 128),
                host: str(u.ip, 256),
                loginAt: str(`${u.date} ${u.time}`.trim(), 64),
              }),
            ),
          }
        : {}),
      ...(software ? { software } : {}),
      notes,
    };
  }

  private async network(): Promise<{ interfaces: InventoryInterface[]; gateway: string | undefined }> {
    const [details, gateway] = await Promise.all([si.networkInterfaces().catch(() => []), si.networkGatewayDefault().catch(() => '')]);
    const byName = new Map((Array.isArray(details) ? details : [details]).map((d) => [d.iface, d]));
    const interfaces: InventoryInterface[] = [];
    for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
      const info = byName.get(name);
      const list = addresses ?? [];
      if (list.every((a) => a.internal)) continue;
      const mac = normaliseMac(list[0]?.mac ?? info?.mac ?? '');
      const entry = (a: os.NetworkInterfaceInfo) =>
        defined({ address: a.address.split('%')[0]!, netmask: a.netmask, prefixLength: a.cidr ? Number(a.cidr.split('/')[1]) : undefined });
      interfaces.push(
        defined({
          name: name.slice(0, 128),
          mac: mac ?? undefined,
          ipv4: list.filter((a) => a.family === 'IPv4').map(entry),
          ipv6: list.filter((a) => a.family === 'IPv6').map(entry),
          gateway: info?.default && gateway ? gateway : undefined,
          type: str(info?.type, 64),
          virtual: info?.virtual,
          up: info ? info.operstate === 'up' : undefined,
          speedMbps: int(info?.speed ?? undefined),
        }),
      );
    }
    return { interfaces, gateway: str(gateway, 64) };
  }
}
