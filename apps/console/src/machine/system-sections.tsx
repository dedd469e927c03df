import type { InventoryDocument, InventoryNote } from '@pons/protocol';
import { bytes, count, span } from '../format.js';
import { Facts } from './facts.js';
import { Section } from './section.js';

type Doc = InventoryDocument;
const yesNo = (value: boolean | undefined) => (value === undefined ? null : value ? 'yes' : 'no');

export function SystemSection({ system }: { system: Doc['system'] }) {
  return (
    <Section id="system" title="System" notes={[]} hasData>
      <Facts
        facts={[
          ['Hostname', system.hostname],
          ['Operating system', `${system.osName} ${system.osVersion}`],
          ['Kernel', system.kernel],
          ['Architecture', system.arch],
          ['Uptime', system.uptimeSeconds === undefined ? null : span(system.uptimeSeconds * 1000)],
          ['Time zone', system.timezone],
        ]}
      />
    </Section>
  );
}

export function HardwareSection({ hardware, notes }: { hardware: Doc['hardware']; notes: InventoryNote[] }) {
  return (
    <Section id="hardware" title="Hardware and BIOS" notes={notes} hasData={hardware !== undefined}>
      {hardware && (
        <Facts
          facts={[
            ['Vendor', hardware.vendor],
            ['Model', hardware.model],
            ['Serial number', hardware.serial],
            ['SMBIOS UUID', hardware.smbiosUuid && <span className="mono">{hardware.smbiosUuid}</span>],
            ['Chassis', hardware.chassis],
            ['Virtual machine', yesNo(hardware.virtual)],
            ['BIOS', [hardware.biosVendor, hardware.biosVersion].filter(Boolean).join(' ') || null],
            ['BIOS date', hardware.biosDate],
          ]}
        />
      )}
    </Section>
  );
}

export function CpuSection({ cpu, notes }: { cpu: Doc['cpu']; notes: InventoryNote[] }) {
  return (
    <Section id="cpu" title="CPU" notes={notes} hasData={cpu !== undefined}>
      {cpu && (
        <Facts
          facts={[
            ['Model', cpu.model],
            ['Vendor', cpu.vendor],
            ['Logical cores', count(cpu.cores)],
            ['Physical cores', cpu.physicalCores === undefined ? null : count(cpu.physicalCores)],
            ['Sockets', cpu.sockets === undefined ? null : count(cpu.sockets)],
            ['Speed', cpu.speedMHz ? `${(cpu.speedMHz / 1000).toFixed(2)} GHz` : null],
          ]}
        />
      )}
    </Section>
  );
}

export function MemorySection({ memory, notes }: { memory: Doc['memory']; notes: InventoryNote[] }) {
  return (
    <Section id="memory" title="Memory" notes={notes} hasData={memory !== undefined}>
      {memory && (
        <Facts
          facts={[
            ['Installed', bytes(memory.totalBytes)],
            ['Swap', memory.swapBytes === undefined ? null : bytes(memory.swapBytes)],
          ]}
        />
      )}
    </Section>
  );
}
