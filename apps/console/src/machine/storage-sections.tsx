import type { InventoryDocument, InventoryNote } from '@pons/protocol';
import { bytes, percent } from '../format.js';
import { InventoryTable, Section } from './section.js';

type Doc = InventoryDocument;
const dash = (value: string | undefined) => value ?? '—';
const SIZE = { label: 'Size', num: true };

export function DisksSection({ disks, notes }: { disks: Doc['disks']; notes: InventoryNote[] }) {
  return (
    <Section id="disks" title="Disks" notes={notes} hasData={disks !== undefined} wide>
      <InventoryTable
        items={disks}
        none="No disk reported."
        columns={['Device', 'Type', 'Model', 'Serial', 'Interface', SIZE]}
        row={(disk) => (
          <tr key={disk.device}>
            <td className="mono">{disk.device}</td>
            <td>{dash(disk.type)}</td>
            <td>{dash(disk.model)}</td>
            <td className="mono">{dash(disk.serial)}</td>
            <td>{dash(disk.interface)}</td>
            <td className="num">{bytes(disk.sizeBytes)}</td>
          </tr>
        )}
      />
    </Section>
  );
}

export function FilesystemsSection({ filesystems, notes }: { filesystems: Doc['filesystems']; notes: InventoryNote[] }) {
  return (
    <Section id="filesystems" title="File systems" notes={notes} hasData={filesystems !== undefined} wide>
      <InventoryTable
        items={filesystems}
        none="No file system reported."
        columns={['Mount point', 'Type', 'Device', SIZE, { label: 'Used', num: true }, 'Usage']}
        row={(fs) => {
          const used = percent(fs.usedBytes, fs.sizeBytes);
          return (
            <tr key={`${fs.mount}:${fs.device ?? ''}`}>
              <td className="mono">{fs.mount}</td>
              <td>{dash(fs.fsType)}</td>
              <td className="mono">{dash(fs.device)}</td>
              <td className="num">{bytes(fs.sizeBytes)}</td>
              <td className="num">{bytes(fs.usedBytes)}</td>
              <td>
                <span
                  className={used >= 90 ? 'meter full' : 'meter'}
                  role="meter"
                  aria-valuenow={used}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-label={`${used}% used`}
                >
                  <span style={{ width: `${used}%` }} />
                </span>{' '}
                {used}%
              </td>
            </tr>
          );
        }}
      />
    </Section>
  );
}
