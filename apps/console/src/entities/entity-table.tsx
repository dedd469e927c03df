import type { EntityDetail } from '@pons/protocol';
import { count } from '../format.js';
import { ACTIONS, DataTable, RowButtons } from '../ui/data-table.js';
import type { EntityRow } from './entity-tree.js';

interface Props {
  rows: EntityRow[] | null;
  canChange: boolean;
  onEdit: (entity: EntityDetail) => void;
  onDelete: (entity: EntityDetail) => Promise<void>;
}

const COLUMNS = ['Entity', { label: 'Machines', num: true }, { label: 'Sub-entities', num: true }];

export function EntityTable({ rows, canChange, onEdit, onDelete }: Props) {
  return (
    <DataTable
      className="grid entities"
      columns={canChange ? [...COLUMNS, ACTIONS] : COLUMNS}
      rows={rows}
      row={(row) => (
        <tr key={row.id} data-testid={`entity-row-${row.id}`}>
          <td style={{ paddingLeft: `${10 + row.depth * 20}px` }}>{row.name}</td>
          <td className="num">{count(row.machines)}</td>
          <td className="num">{count(row.children)}</td>
          {canChange && (
            <td className="actions">
              <RowButtons
                name={row.name}
                edit
                onOpen={() => onEdit(row)}
                onDelete={row.parentId !== null ? () => onDelete(row) : undefined}
              />
            </td>
          )}
        </tr>
      )}
    />
  );
}
