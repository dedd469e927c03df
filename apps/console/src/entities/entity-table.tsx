import type { EntityDetail } from '@pons/protocol';
import { count } from '../format.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import type { EntityRow } from './entity-tree.js';

interface Props {
  rows: EntityRow[] | null;
  canChange: boolean;
  onEdit: (entity: EntityDetail) => void;
  onDelete: (entity: EntityDetail) => Promise<void>;
}

export function EntityTable({ rows, canChange, onEdit, onDelete }: Props) {
  if (rows === null) return <p className="muted">Loading…</p>;
  return (
    <div className="table-wrap">
      <table className="grid entities">
        <thead>
          <tr>
            <th scope="col">Entity</th>
            <th scope="col" className="num">
              Machines
            </th>
            <th scope="col" className="num">
              Sub-entities
            </th>
            {canChange && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`entity-row-${row.id}`}>
              <td style={{ paddingLeft: `${10 + row.depth * 20}px` }}>{row.name}</td>
              <td className="num">{count(row.machines)}</td>
              <td className="num">{count(row.children)}</td>
              {canChange && (
                <td className="actions">
                  <button type="button" className="small" aria-label={`Edit ${row.name}`} onClick={() => onEdit(row)}>
                    Edit
                  </button>{' '}
                  {row.parentId !== null && (
                    <ConfirmButton label="Delete" confirm="Delete now" what={row.name} onConfirm={() => onDelete(row)} />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
