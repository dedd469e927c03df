import { formatDuration, type InventoryDocument, type InventorySoftware, type MachineInventory } from '@pons/protocol';
import { bytes, dash, plural, when } from '../output/format.js';
import { renderPairs, renderTable } from '../output/table.js';

type Pairs = Array<readonly [string, string]>;

const yesNo = (value: boolean | undefined): string => (value === undefined ? '-' : value ? 'yes' : 'no');

function section(title: string, body: string): string {
  return `\n${title}\n${body}`;
}

function hardware(doc: InventoryDocument): Pairs {
  const h = doc.hardware;
  if (!h) return [];
  const bios = [h.biosVendor, h.biosVersion, h.biosDate].filter(Boolean).join(' ');
  return [
    ['Vendor', dash(h.vendor)],
    ['Model', dash(h.model)],
    ['Serial', dash(h.serial)],
    ['Chassis', dash(h.chassis)],
    ['BIOS', bios],
    ['Virtual', yesNo(h.virtual)],
  ];
}

function cpuAndMemory(doc: InventoryDocument): Pairs {
  const pairs: Pairs = [];
  const cpu = doc.cpu;
  if (cpu) {
    const cores = `${cpu.cores} logical${cpu.physicalCores === undefined ? '' : `, ${cpu.physicalCores} physical`}${cpu.sockets === undefined ? '' : `, ${cpu.sockets} socket(s)`}`;
    pairs.push(['CPU', `${cpu.model}${cpu.speedMHz ? ` @ ${cpu.speedMHz} MHz` : ''}`], ['Cores', cores]);
  }
  if (doc.memory) pairs.push(['Memory', bytes(doc.memory.totalBytes)], ['Swap', bytes(doc.memory.swapBytes)]);
  return pairs;
}

/** Every section of the inventory in short, software counted rather than listed. */
export function inventoryView(inventory: MachineInventory, now: number): string {
  const doc = inventory.document;
  const s = doc.system;
  let text = renderPairs([
    ['Machine', `${s.hostname} (${inventory.machineId})`],
    ['Collected', `${when(doc.collectedAt, now)} by agent ${doc.agentVersion}`],
    ['Received', when(inventory.receivedAt, now)],
  ]);
  const system: Pairs = [
    ['OS', `${s.osName} ${s.osVersion} (${s.platform}, ${s.arch})`],
    ['Kernel', dash(s.kernel)],
    ['Uptime', s.uptimeSeconds === undefined ? '-' : formatDuration(s.uptimeSeconds * 1000)],
    ['Timezone', dash(s.timezone)],
  ];
  text += section('System', renderPairs([...system, ...cpuAndMemory(doc)], '  '));
  if (doc.hardware) text += section('Hardware', renderPairs(hardware(doc), '  '));
  if (doc.disks?.length) {
    text += section(
      'Disks',
      renderTable(
        [{ header: 'DEVICE' }, { header: 'TYPE' }, { header: 'SIZE', align: 'right' }, { header: 'MODEL' }],
        doc.disks.map((d) => [d.device, dash(d.type), bytes(d.sizeBytes), dash(d.model)]),
        '  ',
      ),
    );
  }
  if (doc.filesystems?.length) {
    const rows = doc.filesystems.map((f) => [
      f.mount,
      dash(f.fsType),
      bytes(f.sizeBytes),
      bytes(f.usedBytes),
      f.sizeBytes > 0 ? `${Math.round((f.usedBytes / f.sizeBytes) * 100)}%` : '-',
    ]);
    text += section(
      'Filesystems',
      renderTable(
        [
          { header: 'MOUNT' },
          { header: 'TYPE' },
          { header: 'SIZE', align: 'right' },
          { header: 'USED', align: 'right' },
          { header: 'USE%', align: 'right' },
        ],
        rows,
        '  ',
      ),
    );
  }
  if (doc.network?.length) {
    const rows = doc.network.map((n) => [
      n.name,
      dash(n.mac),
      n.ipv4.map((a) => a.address).join(', '),
      n.ipv6.map((a) => a.address).join(', '),
      yesNo(n.up),
    ]);
    text += section(
      'Network',
      renderTable([{ header: 'INTERFACE' }, { header: 'MAC' }, { header: 'IPV4' }, { header: 'IPV6' }, { header: 'UP' }], rows, '  '),
    );
  }
  if (doc.users?.length) {
    text += section(
      'Users logged in',
      renderTable(
        [{ header: 'USER' }, { header: 'TERMINAL' }, { header: 'FROM' }, { header: 'SINCE' }],
        doc.users.map((u) => [u.name, dash(u.terminal), dash(u.host), dash(u.loginAt)]),
        '  ',
      ),
    );
  }
  const software = doc.software === undefined ? 'not collected' : `${plural(doc.software.length, 'package')} (list them with --software)`;
  text += section('Software', `  ${software}\n`);
  if (doc.notes.length > 0)
    text += section(
      'Notes',
      renderPairs(
        doc.notes.map((n) => [n.section, n.message] as const),
        '  ',
      ),
    );
  return text;
}

export function softwareTable(software: readonly InventorySoftware[]): string {
  const sorted = [...software].sort((a, b) => a.name.localeCompare(b.name));
  return renderTable(
    [{ header: 'NAME' }, { header: 'VERSION' }, { header: 'ARCH' }, { header: 'SOURCE' }, { header: 'PUBLISHER' }],
    sorted.map((p) => [p.name, dash(p.version), dash(p.arch), dash(p.source), dash(p.publisher)]),
  );
}
