import { CompiledQuery, sql, type QueryExecutorProvider } from 'kysely';

/**
 * Bulk statements over a VALUES list, written as SQL text with one placeholder per value. Building
 * the same statement from Kysely's template fragments costs more CPU than running it: a 500-row
 * outcome batch spent ~40 ms in query building, holding the event loop. The placeholder style
 * (`?` for SQLite, `$n` for PostgreSQL) is read from the dialect once.
 */
const styles = new WeakMap<object, 'question' | 'dollar'>();

function styleOf(db: QueryExecutorProvider): 'question' | 'dollar' {
  const adapter = db.getExecutor().adapter;
  let style = styles.get(adapter);
  if (!style) {
    style = sql`${0}`.compile(db).sql === '?' ? 'question' : 'dollar';
    styles.set(adapter, style);
  }
  return style;
}

/**
 * `head` + `(v, v, ...), (...)` + `tail`, each row's values bound as parameters. `casts[i]`, if
 * given, wraps column i's placeholder (`CAST(? AS bigint)`): VALUES lists have no column types,
 * and PostgreSQL needs them where a NULL or a number must match a bigint column.
 */
export function valuesStatement(
  db: QueryExecutorProvider,
  head: string,
  rows: ReadonlyArray<readonly unknown[]>,
  tail = '',
  casts: ReadonlyArray<string | null> = [],
): CompiledQuery {
  const style = styleOf(db);
  const parameters: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    row.forEach((value, i) => {
      parameters.push(value);
      const placeholder = style === 'question' ? '?' : `$${parameters.length}`;
      const cast = casts[i];
      cells.push(cast ? `CAST(${placeholder} AS ${cast})` : placeholder);
    });
    tuples.push(`(${cells.join(', ')})`);
  }
  return CompiledQuery.raw(`${head} ${tuples.join(', ')} ${tail}`, parameters);
}
