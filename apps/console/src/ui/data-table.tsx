import type { MouseEvent, ReactNode } from 'react';
import { isPlainClick, navigate } from '../router.js';
import { ConfirmButton } from './confirm-button.js';

/** A column's heading: `num` aligns it with numbers, `hidden` leaves it to screen readers (over a row's buttons). */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/** The heading of the column of a row's buttons. */
export const ACTIONS: Column = { label: 'Actions', hidden: true };

export interface DataTableProps<T> {
  /** The table's classes: `grid` and its own. */
  className: string;
  columns: readonly Column[];
  /** Null while they are on their way. */
  rows: readonly T[] | null;
  row: (item: T, index: number) => ReactNode;
  /** The sentence in a row of its own when there are no rows; nothing without it. */
  empty?: ReactNode;
  /** Rows are on their way: the empty row says so meanwhile. */
  loading?: boolean;
  testId?: string;
  /** The scrolling wrapper's classes; `false` for a table alone (in a panel). */
  wrap?: string | false;
}

/** A table of records: the headings, a row per record, and what to say when there is none. */
export function DataTable<T>({ className, columns, rows, row, empty, loading, testId, wrap = 'table-wrap' }: DataTableProps<T>) {
  if (rows === null) return <p className="muted">Loading…</p>;
  const table = (
    <table className={className} aria-busy={loading} data-testid={testId}>
      <thead>
        <tr>{columns.map(heading)}</tr>
      </thead>
      <tbody>
        {rows.map(row)}
        {rows.length === 0 && empty !== undefined && (
          <tr>
            <td colSpan={columns.length} className="empty-row">
              {loading ? 'Loading…' : empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
  return wrap ? <div className={wrap}>{table}</div> : table;
}

function heading(column: Column) {
  const { label, num, hidden }: Exclude<Column, string> = typeof column === 'string' ? { label: column } : column;
  return (
    <th key={label} scope="col" className={num ? 'num' : undefined}>
      {hidden ? <span className="sr-only">{label}</span> : label}
    </th>
  );
}

/** A row that opens `to` when clicked anywhere; its link stays the way in for keyboards and new tabs. */
export function LinkRow({ to, testId, children }: { to: string; testId: string; children: ReactNode }) {
  const open = (event: MouseEvent) => {
    if (!isPlainClick(event) || (event.target as HTMLElement).closest('a')) return;
    if (window.getSelection()?.toString()) return; // selecting text to copy is not a click
    navigate(to);
  };
  return (
    <tr className="clickable" data-testid={testId} onClick={open}>
      {children}
    </tr>
  );
}

interface ButtonsProps {
  /** The row's name, for the buttons' names: "Edit Lyon". */
  name: string;
  /** Edit, or only view when it cannot change. */
  edit: boolean;
  onOpen: () => void;
  /** Without it, no Delete button. */
  onDelete?: () => Promise<void>;
}

/** A row's buttons: open it to edit or view, and delete it in two steps. */
export function RowButtons({ name, edit, onOpen, onDelete }: ButtonsProps) {
  const verb = edit ? 'Edit' : 'View';
  return (
    <>
      <button type="button" className="small" aria-label={`${verb} ${name}`} onClick={onOpen}>
        {verb}
      </button>{' '}
      {onDelete && <ConfirmButton label="Delete" confirm="Delete now" what={name} onConfirm={onDelete} />}
    </>
  );
}
