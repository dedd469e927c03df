import type { InventoryDocument, InventoryNote } from '@pons/protocol';
import { bytes, percent } from '../format.js';
import { Section } from './section.js';

type Doc = InventoryDocument;
const dash = (value: string | undefined) => value ?? '—';

export function DisksSection({ disks, notes }: { disks: Doc['disks']; notes: InventoryNote[] }) {
  return (
    <Section id="disks" title="Disks" notes={notes} hasData={disks !== undefined} wide>
      {disks && disks.length === 0 && <p className="muted">No disk reported.</p>}
      {disks && disks.length > 0 && (
        <table className="grid compact">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Type</th>
              <th scope="col">Model</th>
              <th scope="col">Serial</th>
              <th scope="col">Interface</th>
              <th scope="col" className="num">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {disks.map((disk) => (
              <tr key={disk.device}>
                <td className="mono">{disk.device}</td>
                <td>{dash(disk.type)}</td>
                <td>{dash(disk.model)}</td>
                <td className="mono">{dash(disk.serial)}</td>
                <td>{dash(disk.interface)}</td>
                <td className="num">{bytes(disk.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function FilesystemsSection({ filesystems, notes }: { filesystems: Doc['filesystems']; notes: InventoryNote[] }) {
  return (
    <Section id="filesystems" title="File systems" notes={notes} hasData={filesystems !== undefined} wide>
      {filesystems && filesystems.length === 0 && <p className="muted">No file system reported.</p>}
      {filesystems && filesystems.length > 0 && (
        <table className="grid compact">
          <thead>
            <tr>
              <th scope="col">Mount point</th>
              <th scope="col">Type</th>
              <th scope="col">Device</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Used
              </th>
              <th scope="col">Usage</th>
            </tr>
          </thead>
          <tbody>
            {filesystems.map((fs) => {
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
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
