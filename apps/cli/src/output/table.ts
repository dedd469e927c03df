/**
 * Plain-text tables and label/value blocks, as kubectl prints them: columns separated by two
 * spaces, no borders, nothing trailing. Values come from agents, so control characters are
 * replaced: a hostname must not be able to move the cursor or recolour the terminal.
 */

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function clean(text: string): string {
  return text.replace(CONTROL, '?');
}

const width = (text: string): number => [...text].length;

function pad(text: string, size: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** Renders rows under headers; every line ends with a newline. Empty cells print as "-". */
export function renderTable(columns: Column[], rows: string[][], indent = ''): string {
  const cells = rows.map((row) => columns.map((_, i) => clean(row[i] ?? '') || '-'));
  const widths = columns.map((column, i) => Math.max(width(column.header), ...cells.map((row) => width(row[i] ?? ''))));
  const line = (values: string[]) =>
    values
      .map((value, i) => pad(value, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].map((l) => `${indent}${l}\n`).join('');
}

/** Renders `label  value` pairs with the values aligned; a multi-line value keeps its indent. */
export function renderPairs(pairs: ReadonlyArray<readonly [string, string]>, indent = ''): string {
  const labelWidth = Math.max(0, ...pairs.map(([label]) => width(label)));
  return pairs
    .map(([label, value]) => {
      const [first = '', ...rest] = (value === '' ? '-' : value).split('\n').map(clean);
      const continuation = rest.map((l) => `\n${indent}${' '.repeat(labelWidth + 2)}${l}`).join('');
      return `${indent}${pad(label, labelWidth, 'left')}  ${first}`.trimEnd() + continuation + '\n';
    })
    .join('');
}
