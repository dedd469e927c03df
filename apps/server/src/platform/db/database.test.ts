import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './database.js';

describe('SQLite statements', () => {
  const open: SQLite.Database[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  const memory = () => {
    const db = new SQLite(':memory:');
    open.push(db);
    return db;
  };

  it('reuses a prepared statement for the same SQL, and never one still being iterated', () => {
    const cached = withStatementCache(memory());
    const first = cached.prepare('select 1 as one');
    expect(cached.prepare('select 1 as one')).toBe(first);
    const rows = cached.prepare('select 2 as two union all select 3') as unknown as SQLite.Statement;
    const iterator = rows.iterate();
    iterator.next();
    expect(cached.prepare('select 2 as two union all select 3')).not.toBe(rows);
    iterator.return?.();
  });

  it('opens every transaction with BEGIN IMMEDIATE, so that writers of several processes wait instead of failing', () => {
    const cached = withStatementCache(memory());
    expect((cached.prepare('begin') as unknown as SQLite.Statement).source).toBe('begin immediate');
  });
});
