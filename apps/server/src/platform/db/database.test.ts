import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, withStatementCache } from './database.js';

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

describe('SQLite WAL under a steady write load', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  // Commits every few milliseconds while the checkpointer copies: SQLite starts the WAL over only
  // when a writer finds every frame copied, which a passive checkpoint alone never leaves it, so
  // without the RESTART pass the WAL grows by everything written (here ~15 MB).
  const writeFor = async (restartFrames: number): Promise<number> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pons-wal-'));
    dirs.push(dir);
    const handle = openDatabase({ databaseUrl: null, dataDir: dir, checkpoint: { everyMs: 100, restartFrames } });
    try {
      await sql`create table load (id integer primary key, body blob not null)`.execute(handle.db);
      const body = randomBytes(4000);
      const until = Date.now() + 2500;
      while (Date.now() < until) {
        await handle.db.transaction().execute(async (tx) => {
          for (let i = 0; i < 4; i++) await sql`insert into load (body) values (${body})`.execute(tx);
        });
        await sleep(2);
      }
      return statSync(path.join(dir, 'pons.sqlite-wal')).size;
    } finally {
      await handle.close();
    }
  };

  it('restarts the WAL once it holds restartFrames, so that it stays small', { timeout: 20_000 }, async () => {
    const bounded = await writeFor(256);
    expect(bounded).toBeLessThan(4 * 1024 * 1024);
  });
});
