import { Readable } from 'node:stream';

/** One CSV line (RFC 4180): fields quoted when they hold a comma, a quote or a line break. */
export function csvLine(fields: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell starting with = + - @ is a formula to a spreadsheet: neutralise it (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams rows as CSV (header first) or as one JSON array, from an async source. */
export async function* exportRows<T>(
  format: 'csv' | 'json',
  header: string[],
  rows: AsyncIterable<T>,
  toFields: (row: T) => ReadonlyArray<string | number | boolean | null | undefined>,
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvLine(header);
    for await (const row of rows) yield csvLine(toFields(row));
    return;
  }
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
    first = false;
  }
  yield '\n]\n';
}

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/** Sends a body as a file to save (`Content-Disposition: attachment`). */
export function sendAttachment(reply: Reply, fileName: string, contentType: string, body: unknown): unknown {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${fileName}"`).send(body);
}

/** Streams rows as a dated CSV or JSON file named `pons-<what>-<date>.<format>`. */
export function sendExport<T>(
  reply: Reply,
  what: string,
  format: 'csv' | 'json',
  header: string[],
  rows: AsyncIterable<T>,
  toFields: (row: T) => ReadonlyArray<string | number | boolean | null | undefined>,
): unknown {
  const fileName = `pons-${what}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
  return sendAttachment(reply, fileName, type, Readable.from(exportRows(format, header, rows, toFields)));
}
