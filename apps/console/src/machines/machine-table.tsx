import { memo, type MouseEvent } from 'react';
import type { MachineSummary } from '@pons/protocol';
import { isPlainClick, Link, navigate } from '../router.js';
import { machinePath } from '../routes.js';
import { RelativeTime } from '../ui/relative-time.js';
import { StatusBadge } from '../ui/status-badge.js';
import { AddressList } from './address-list.js';

interface Props {
  machines: MachineSummary[];
  loading: boolean;
  emptyText: string;
}

export function MachineTable({ machines, loading, emptyText }: Props) {
  return (
    <div className="table-wrap">
      <table className="grid machines" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">Hostname</th>
            <th scope="col">Status</th>
            <th scope="col">Last seen</th>
            <th scope="col">Operating system</th>
            <th scope="col">IP addresses</th>
            <th scope="col">MAC</th>
            <th scope="col">Entity</th>
          </tr>
        </thead>
        <tbody>
          {machines.map((machine) => (
            <MachineRow key={machine.id} machine={machine} />
          ))}
          {machines.length === 0 && (
            <tr>
              <td colSpan={7} className="empty-row">
                {loading ? 'Loading…' : emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A whole row opens the machine; the hostname is the link for keyboards and new tabs. */
const MachineRow = memo(function MachineRow({ machine }: { machine: MachineSummary }) {
  const path = machinePath(machine.id);
  const open = (event: MouseEvent) => {
    if (!isPlainClick(event) || (event.target as HTMLElement).closest('a')) return;
    if (window.getSelection()?.toString()) return; // selecting text to copy is not a click
    navigate(path);
  };
  return (
    <tr className="clickable" data-testid={`machine-row-${machine.id}`} onClick={open}>
      <td className="host">
        <Link to={path}>{machine.hostname}</Link>
      </td>
      <td>
        <StatusBadge machine={machine} testId={`machine-status-${machine.id}`} />
      </td>
      <td className="nowrap">
        {machine.status === 'online' ? (
          <span title="Connected now">now</span>
        ) : (
          <RelativeTime at={machine.lastSeenAt} label="Last seen" empty="never" />
        )}
      </td>
      <td>
        {machine.osName} <span className="muted">{machine.osVersion}</span>
      </td>
      <td>
        <AddressList values={machine.ipAddresses} />
      </td>
      <td>
        <AddressList values={machine.macAddresses} />
      </td>
      <td>{machine.entityName}</td>
    </tr>
  );
});
