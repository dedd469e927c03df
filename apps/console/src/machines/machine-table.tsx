import { memo } from 'react';
import type { MachineSummary } from '@pons/protocol';
import { Link } from '../router.js';
import { machinePath } from '../routes.js';
import { DataTable, LinkRow } from '../ui/data-table.js';
import { RelativeTime } from '../ui/relative-time.js';
import { StatusBadge } from '../ui/status-badge.js';
import { AddressList } from './address-list.js';

interface Props {
  machines: MachineSummary[];
  loading: boolean;
  emptyText: string;
}

const COLUMNS = ['Hostname', 'Status', 'Last seen', 'Operating system', 'IP addresses', 'MAC', 'Entity'];

export function MachineTable({ machines, loading, emptyText }: Props) {
  return (
    <DataTable
      className="grid machines"
      loading={loading}
      columns={COLUMNS}
      rows={machines}
      empty={emptyText}
      row={(machine) => <MachineRow key={machine.id} machine={machine} />}
    />
  );
}

/** A whole row opens the machine; the hostname is the link for keyboards and new tabs. */
const MachineRow = memo(function MachineRow({ machine }: { machine: MachineSummary }) {
  const path = machinePath(machine.id);
  return (
    <LinkRow to={path} testId={`machine-row-${machine.id}`}>
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
    </LinkRow>
  );
});
