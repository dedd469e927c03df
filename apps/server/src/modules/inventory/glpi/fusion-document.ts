import type { InventoryDocument, InventoryInterface } from '@pons/protocol';
import { integer, text, type FusionContent, type FusionSection } from './fusion-xml.js';

const MB = 1024 * 1024;
type System = InventoryDocument['system'];

/** What identifies the machine an agent without Pons keys speaks for (matched to machines we know). */
export interface ForeignIdentity {
  hostname: string;
  smbiosUuid: string | undefined;
  serial: string | undefined;
  macs: string[];
  /** The agent's `--tag` (Medulla's inventory tag), for the entity rule. */
  tag: string | undefined;
}

function platformOf(kernel: string | undefined): System['platform'] {
  const k = (kernel ?? '').toLowerCase();
  if (k === 'linux') return 'linux';
  if (k.startsWith('mswin') || k.includes('windows')) return 'windows';
  if (k === 'darwin' || k === 'macos') return 'darwin';
  return 'other';
}

/** VERSIONCLIENT is a bare text under CONTENT: "FusionInventory-Agent_v2.6-3". */
function versionOf(content: FusionContent): string {
  const value = (content.VERSIONCLIENT as unknown[] | undefined)?.[0];
  return typeof value === 'string' && value ? value : 'FusionInventory';
}

/** The agent's `--tag` travels as ACCOUNTINFO KEYNAME=TAG. */
function tagOf(accounts: FusionSection[]): string | undefined {
  return text(
    accounts.find((a) => text(a, 'KEYNAME') === 'TAG'),
    'KEYVALUE',
  );
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function interfaces(sections: FusionSection[]): InventoryInterface[] {
  const byName = new Map<string, InventoryInterface>();
  for (const n of sections) {
    const name = text(n, 'DESCRIPTION') ?? 'unknown';
    const nic = byName.get(name) ?? { name, ipv4: [], ipv6: [] };
    Object.assign(
      nic,
      defined({
        mac: text(n, 'MACADDR')?.toLowerCase(),
        type: text(n, 'TYPE'),
        virtual: text(n, 'VIRTUALDEV') === undefined ? undefined : text(n, 'VIRTUALDEV') === '1',
        up: text(n, 'STATUS') === undefined ? undefined : text(n, 'STATUS')?.toLowerCase() === 'up',
        speedMbps: integer(n, 'SPEED'),
      }),
    );
    const v4 = text(n, 'IPADDRESS');
    if (v4) nic.ipv4.push(defined({ address: v4, netmask: text(n, 'IPMASK') }));
    const v6 = text(n, 'IPADDRESS6');
    if (v6) nic.ipv6.push(defined({ address: v6, netmask: text(n, 'IPMASK6') }));
    byName.set(name, nic);
  }
  return [...byName.values()];
}

/**
 * Maps a FusionInventory / GLPI-agent XML inventory (CONTENT) onto Pons's inventory document:
 * the same sections the Pons agent fills, with sizes turned from MB into bytes.
 */
export function fusionToDocument(content: FusionContent, receivedAt: number): { document: InventoryDocument; identity: ForeignIdentity } {
  const one = (name: string) => content[name]?.[0];
  const many = (name: string) => content[name] ?? [];
  const hw = one('HARDWARE');
  const os = one('OPERATINGSYSTEM');
  const bios = one('BIOS');
  const hostname = text(hw, 'NAME') ?? text(os, 'FQDN') ?? 'unknown';
  const cpus = many('CPUS');
  const network = interfaces(many('NETWORKS'));
  const timezone = (os?.TIMEZONE as FusionSection | undefined) ?? undefined;
  const document: InventoryDocument = {
    schema: 1,
    collectedAt: receivedAt,
    agentVersion: versionOf(content).slice(0, 64),
    system: defined({
      hostname,
      platform: platformOf(text(os, 'KERNEL_NAME') ?? text(hw, 'OSNAME')),
      osName: text(os, 'NAME') ?? text(os, 'FULL_NAME') ?? text(hw, 'OSNAME') ?? '',
      osVersion: text(os, 'VERSION') ?? text(hw, 'OSVERSION') ?? '',
      kernel: text(os, 'KERNEL_VERSION'),
      arch: text(os, 'ARCH') ?? '',
      timezone: text(timezone, 'NAME'),
    }),
    hardware: defined({
      vendor: text(bios, 'SMANUFACTURER') ?? text(bios, 'MMANUFACTURER'),
      model: text(bios, 'SMODEL'),
      serial: text(bios, 'SSN'),
      smbiosUuid: text(hw, 'UUID')?.toLowerCase(),
      biosVendor: text(bios, 'BMANUFACTURER'),
      biosVersion: text(bios, 'BVERSION'),
      biosDate: text(bios, 'BDATE'),
      virtual: text(hw, 'VMSYSTEM') === undefined ? undefined : text(hw, 'VMSYSTEM') !== 'Physical',
    }),
    ...(cpus.length > 0
      ? {
          cpu: defined({
            model: text(cpus[0], 'NAME') ?? '',
            vendor: text(cpus[0], 'MANUFACTURER'),
            cores: cpus.reduce((n, c) => n + (integer(c, 'THREAD') ?? integer(c, 'CORE') ?? 1), 0),
            physicalCores: cpus.reduce((n, c) => n + (integer(c, 'CORE') ?? 0), 0) || undefined,
            sockets: cpus.length,
            speedMHz: integer(cpus[0], 'SPEED'),
          }),
        }
      : {}),
    ...(integer(hw, 'MEMORY') !== undefined
      ? { memory: defined({ totalBytes: integer(hw, 'MEMORY')! * MB, swapBytes: (integer(hw, 'SWAP') ?? 0) * MB || undefined }) }
      : {}),
    disks: many('STORAGES').map((s) =>
      defined({
        device: text(s, 'NAME') ?? '',
        type: text(s, 'TYPE'),
        model: text(s, 'MODEL') ?? text(s, 'DESCRIPTION'),
        serial: text(s, 'SERIALNUMBER'),
        sizeBytes: (integer(s, 'DISKSIZE') ?? 0) * MB,
        interface: text(s, 'INTERFACE'),
      }),
    ),
    filesystems: many('DRIVES').map((d) => {
      const total = (integer(d, 'TOTAL') ?? 0) * MB;
      return defined({
        // On Unix TYPE holds the mount point; on Windows LETTER holds the drive.
        mount: text(d, 'LETTER') ?? text(d, 'TYPE') ?? '',
        fsType: text(d, 'FILESYSTEM'),
        device: text(d, 'VOLUMN'),
        sizeBytes: total,
        usedBytes: Math.max(0, total - (integer(d, 'FREE') ?? 0) * MB),
      });
    }),
    network,
    ...(text(hw, 'DEFAULTGATEWAY') ? { defaultGateway: text(hw, 'DEFAULTGATEWAY') } : {}),
    users: many('USERS').map((u) => defined({ name: text(u, 'LOGIN') ?? '', host: text(u, 'DOMAIN') })),
    software: many('SOFTWARES').map((s) =>
      defined({
        name: text(s, 'NAME') ?? '',
        version: text(s, 'VERSION'),
        arch: text(s, 'ARCH'),
        publisher: text(s, 'PUBLISHER'),
        source: text(s, 'FROM'),
        installedAt: text(s, 'INSTALLDATE'),
        sizeBytes: integer(s, 'FILESIZE'),
      }),
    ),
    notes: [],
  };
  const macs = [...new Set(network.map((n) => n.mac).filter((m): m is string => Boolean(m)))];
  return {
    document,
    identity: {
      hostname,
      smbiosUuid: document.hardware?.smbiosUuid,
      serial: document.hardware?.serial,
      macs,
      tag: tagOf(many('ACCOUNTINFO')),
    },
  };
}
