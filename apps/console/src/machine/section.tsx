import type { ReactNode } from 'react';
import type { InventoryNote } from '@pons/protocol';
import { DataTable, type DataTableProps } from '../ui/data-table.js';

interface Props {
  id: string;
  title: string;
  /** The collector's notes for this section: why it is empty or partial. */
  notes: InventoryNote[];
  hasData: boolean;
  aside?: ReactNode;
  wide?: boolean;
  children?: ReactNode;
}

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** One inventory section. Where the agent reported a note, the note replaces the empty table. */
export function Section({ id, title, notes, hasData, aside, wide = false, children }: Props) {
  return (
    <section className={wide ? 'panel inv wide' : 'panel inv'} aria-labelledby={`inv-${id}`} data-testid={`section-${id}`}>
      <header className="inv-head">
        <h2 id={`inv-${id}`}>{title}</h2>
        {aside}
      </header>
      {hasData && children}
      {!hasData && notes.length === 0 && <p className="muted">Not reported by the agent.</p>}
      {notes.map((note) => (
        <p key={`${note.section}:${note.message}`} className="note" data-testid={`note-${note.section}`}>
          {note.section !== id && <strong>{note.section}: </strong>}
          {sentence(note.message)}
        </p>
      ))}
    </section>
  );
}

type TableProps<T> = Omit<DataTableProps<T>, 'className' | 'rows' | 'wrap'> & { items: readonly T[] | undefined; none: string };

/** A section's list as a table, or a sentence when the agent reported an empty one. */
export function InventoryTable<T>({ items, none, ...table }: TableProps<T>) {
  if (!items) return null;
  if (items.length === 0) return <p className="muted">{none}</p>;
  return <DataTable className="grid compact" wrap={false} rows={items} {...table} />;
}
