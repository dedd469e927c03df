import type { FileEntry } from '@pons/protocol';
import { bytes, dateTime } from '../format.js';
import { Link } from '../router.js';
import { filesPath } from '../routes.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';
import { childPath, isRoot, parentPath, sortEntries } from './file-paths.js';
import { fileContentUrl } from './remote-api.js';

interface Props {
  machineId: string;
  /** The directory listed, as the machine wrote it. */
  path: string;
  entries: readonly FileEntry[];
  loading: boolean;
}

const COLUMNS = ['Name', 'Type', { label: 'Size', num: true }, 'Modified', ACTIONS];

/** A directory's entries: folders open in place, files download (the browser shows its own progress). */
export function FileTable({ machineId, path, entries, loading }: Props) {
  const sorted: (FileEntry | Up)[] = sortEntries(entries);
  const rows = isRoot(path) ? sorted : [{ up: parentPath(path) }, ...sorted];
  return (
    <DataTable
      className="grid compact file-table"
      testId="file-table"
      loading={loading}
      columns={COLUMNS}
      rows={rows}
      empty="This directory is empty."
      row={(item) =>
        'up' in item ? (
          <UpRow key=".." machineId={machineId} to={item.up} />
        ) : (
          <Row key={item.name} machineId={machineId} path={childPath(path, item.name)} entry={item} />
        )
      }
    />
  );
}

/** The row that leads to the directory above. */
type Up = { up: string };

function UpRow({ machineId, to }: { machineId: string; to: string }) {
  return (
    <tr data-testid="file-row-up">
      <td colSpan={COLUMNS.length} className="mono">
        <Link to={filesPath(machineId, to)} data-testid="file-up" title={to}>
          ..
        </Link>
      </td>
    </tr>
  );
}

function Row({ machineId, path, entry }: { machineId: string; path: string; entry: FileEntry }) {
  const folder = entry.type === 'directory' || entry.type === 'link';
  return (
    <tr data-testid={`file-row-${entry.name}`} data-type={entry.type}>
      <td className="mono">
        {folder ? <Link to={filesPath(machineId, path)}>{entry.name}</Link> : entry.name}
        {entry.type === 'directory' && '/'}
      </td>
      <td>{entry.type}</td>
      <td className="num">{entry.type === 'directory' ? '' : bytes(entry.size)}</td>
      <td className="nowrap">{dateTime(entry.modifiedAt)}</td>
      <td className="actions">
        {entry.type !== 'directory' && (
          <a href={fileContentUrl(machineId, path)} download={entry.name} aria-label={`Download ${entry.name}`}>
            Download
          </a>
        )}
      </td>
    </tr>
  );
}
