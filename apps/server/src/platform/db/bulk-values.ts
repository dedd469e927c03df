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

/** Statement texts already written, by head, tail and shape: each call only binds its values. */
const texts = new Map<string, Map<string, string>>();
const MAX_SHAPES = 32;

/**
 * `head` + `(v, v, ...), (...)` + `tail`, each row's values bound as parameters. `casts[i]`, if
 * given, wraps column i's placeholder (`CAST(? AS bigint)`): VALUES lists have no column types,
 * and PostgreSQL needs them where a NULL or a number must match a bigint column. The text of a
 * given shape is written once (a 500-row outcome batch is a 30 KB string).
 */
export function valuesStatement(
  db: QueryExecutorProvider,
  head: string,
  rows: ReadonlyArray<readonly unknown[]>,
  tail = '',
  casts: ReadonlyArray<string | null> = [],
): CompiledQuery {
  const style = styleOf(db);
  const width = rows[0]?.length ?? 0;
  const parameters = new Array<unknown>(rows.length * width);
  let p = 0;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`valuesStatement: a row of ${row.length} values among rows of ${width}`);
    for (let i = 0; i < width; i++) parameters[p++] = row[i];
  }
  const statement = `${head}\u0000${tail}`;
  let shapes = texts.get(statement);
  // Row counts vary (a command's targets): past a few dozen shapes of one statement, start over.
  if (!shapes || shapes.size >= MAX_SHAPES) texts.set(statement, (shapes = new Map<string, string>()));
  const shape = `${style}:${rows.length}:${width}:${casts.join(',')}`;
  let text = shapes.get(shape);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows.length; r++) {
      const cells: string[] = [];
      for (let i = 0; i < width; i++) {
        const placeholder = style === 'question' ? '?' : `$${++n}`;
        const cast = casts[i];
        cells.push(cast ? `CAST(${placeholder} AS ${cast})` : placeholder);
      }
      tuples.push(`(${cells.join(', ')})`);
    }
    text = `${head} ${tuples.join(', ')} ${tail}`;
    shapes.set(shape, text);
  }
  return CompiledQuery.raw(text, parameters);
}
