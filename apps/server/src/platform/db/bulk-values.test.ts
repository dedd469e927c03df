import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { valuesStatement } from './bulk-values.js';

describe('valuesStatement', () => {
  const sqlite = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  // Compiling needs no connection: the pool is never used.
  const postgres = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
  afterAll(async () => {
    await sqlite.destroy();
    await postgres.destroy();
  });

  it('writes one placeholder per value, in each dialect, with casts where asked', () => {
    const rows = [
      ['a', 1],
      ['b', null],
    ];
    expect(valuesStatement(sqlite, 'INSERT INTO t (k, v) VALUES', rows, '', [null, 'bigint'])).toMatchObject({
      sql: 'INSERT INTO t (k, v) VALUES (?, CAST(? AS bigint)), (?, CAST(? AS bigint)) ',
      parameters: ['a', 1, 'b', null],
    });
    expect(valuesStatement(postgres, 'INSERT INTO t (k, v) VALUES', rows, 'ON CONFLICT DO NOTHING').sql).toBe(
      'INSERT INTO t (k, v) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING',
    );
  });

  it('reuses the text of a shape and binds each call its own values', () => {
    const first = valuesStatement(sqlite, 'INSERT INTO u (x) VALUES', [[1], [2]]);
    const second = valuesStatement(sqlite, 'INSERT INTO u (x) VALUES', [[3], [4]]);
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toEqual([3, 4]);
    expect(valuesStatement(sqlite, 'INSERT INTO u (x) VALUES', [[5]]).sql).toBe('INSERT INTO u (x) VALUES (?) ');
    expect(valuesStatement(sqlite, 'INSERT INTO u (x) VALUES', [[5]], 'RETURNING x').sql).toBe('INSERT INTO u (x) VALUES (?) RETURNING x');
  });

  it('gives the right text for many row counts, past the shapes it keeps', () => {
    for (let n = 1; n <= 80; n++) {
      const { sql, parameters } = valuesStatement(
        sqlite,
        'INSERT INTO w (a, b) VALUES',
        Array.from({ length: n }, (_, i) => [i, -i]),
      );
      expect(sql.split('(?, ?)').length - 1).toBe(n);
      expect(parameters).toHaveLength(2 * n);
    }
  });

  it('refuses rows of different widths', () => {
    expect(() => valuesStatement(sqlite, 'INSERT INTO v (a, b) VALUES', [[1, 2], [3]])).toThrow(/a row of 1 values among rows of 2/);
  });
});
