import type { MachineInventory } from '@pons/protocol';
import { dateTime } from '../format.js';
import { RelativeTime } from '../ui/relative-time.js';
import { CpuSection, HardwareSection, MemorySection, SystemSection } from './system-sections.js';
import { NetworkSection } from './network-section.js';
import { SoftwareSection } from './software-section.js';
import { DisksSection, FilesystemsSection } from './storage-sections.js';
import { UsersSection } from './users-section.js';

export function InventoryView({ inventory }: { inventory: MachineInventory }) {
  const doc = inventory.document;
  const notes = (...sections: string[]) => doc.notes.filter((note) => sections.includes(note.section));
  return (
    <>
      <div className="inv-title">
        <h2>Inventory</h2>
        <span className="muted">
          collected <RelativeTime at={doc.collectedAt} /> · received {dateTime(inventory.receivedAt)} · agent {doc.agentVersion}
        </span>
      </div>
      <div className="inventory">
        <SystemSection system={doc.system} />
        <HardwareSection hardware={doc.hardware} notes={notes('hardware', 'bios', 'chassis')} />
        <CpuSection cpu={doc.cpu} notes={notes('cpu')} />
        <MemorySection memory={doc.memory} notes={notes('memory')} />
        <NetworkSection network={doc.network} defaultGateway={doc.defaultGateway} notes={notes('network')} />
        <DisksSection disks={doc.disks} notes={notes('disks')} />
        <FilesystemsSection filesystems={doc.filesystems} notes={notes('filesystems')} />
        <UsersSection users={doc.users} notes={notes('users')} />
        <SoftwareSection software={doc.software} notes={notes('software')} />
      </div>
    </>
  );
}
