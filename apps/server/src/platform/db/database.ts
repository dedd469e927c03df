import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /** Where the data lives, for the start-up banner; never includes a password. */
  describe: string;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const ping = (db: Db) => async () => (await sql`select 1 as ok`.execute(db)).rows.length === 1;

// int8 (COUNT, bigint columns) as numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** How the SQLite WAL is checkpointed (tests shrink these to see a restart quickly). */
export interface CheckpointOptions {
  everyMs: number;
  /** WAL frames (pages) past which a pass also restarts the WAL from its start. */
  restartFrames: number;
}

/** 4,096 frames of 4 KB: the WAL restarts once it holds 16 MB, every ~10 s at 5,000 answers a second. */
const CHECKPOINT: CheckpointOptions = { everyMs: 1000, restartFrames: 4096 };

export function openDatabase(options: { databaseUrl: string | null; dataDir: string; checkpoint?: CheckpointOptions }): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(path.join(options.dataDir, 'pons.sqlite'), options.checkpoint ?? CHECKPOINT);
}

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing costs more than running most
 * of ours (a connect storm spent ~10 % of the server's CPU in prepare). Statements are kept by SQL
 * text, the least recently used dropped past `max`; one being iterated is never handed out twice.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      // Kysely opens transactions with a plain (deferred) BEGIN. With several processes on one
      // file (--workers), a deferred transaction that reads and then writes fails at once with
      // SQLITE_BUSY when another process wrote meanwhile; BEGIN IMMEDIATE takes the write lock
      // first, so writers wait their turn (busy_timeout) instead of failing.
      const source = text === 'begin' ? 'begin immediate' : text;
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = sqlite.prepare(source);
      if (cached) return statement;
      cache.set(source, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * One checkpoint pass: copies what the WAL holds into the database file without blocking anyone
 * (PASSIVE). Under a steady write load that is not enough: SQLite starts the WAL over only when a
 * writer finds every frame copied, and with a commit every few milliseconds a new frame always
 * arrived meanwhile, so the WAL grew for as long as the load lasted (1.75 MB/s at 5,000 answers a
 * second, each read searching more of it). Once it holds `restartFrames`, a RESTART pass follows:
 * it waits for the writer, copies the few frames written since the passive pass, and lets the
 * next commit start the WAL from its beginning. Self-contained: its source runs in the worker.
 */
function checkpointPass(db: { pragma(source: string): unknown }, restartFrames: number): 'passive' | 'restart' | 'busy' {
  const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
  if (!passive || passive.log < restartFrames) return 'passive';
  const [restart] = db.pragma('wal_checkpoint(RESTART)') as CheckpointResult[];
  return restart && restart.busy === 0 ? 'restart' : 'busy';
}

/**
 * Checkpoints the WAL from a worker thread with its own connection. SQLite otherwise checkpoints
 * inside whichever COMMIT crosses 1,000 WAL pages, on the event loop: in the rtt benchmark
 * commits took 73 ms per second of load, 2.7x what they take without checkpointing. The worker
 * waits at most 200 ms for the writer before a RESTART pass, and tries again on its next turn.
 */
function startCheckpointer(file: string, options: CheckpointOptions): Worker {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const db = new (require(workerData.module))(workerData.file);
    db.pragma('busy_timeout = 200');
    const checkpointPass = ${checkpointPass.toString()};
    const timer = setInterval(() => { try { checkpointPass(db, workerData.restartFrames); } catch {} }, workerData.everyMs);
    parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });`;
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(code, { eval: true, workerData: { module, file, ...options } });
  worker.unref();
  return worker;
}

function openSqlite(file: string, checkpoint: CheckpointOptions): DatabaseHandle {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('wal_autocheckpoint = 0');
  // When a commit starts the WAL over, a file grown past this is cut back to it.
  sqlite.pragma('journal_size_limit = 67108864');
  const checkpointer = startCheckpointer(file, checkpoint);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const close = async () => {
    checkpointer.postMessage('stop');
    await new Promise((resolve) => checkpointer.once('exit', resolve));
    await db.destroy();
  };
  return { db, kind: 'sqlite', describe: `SQLite ${file}`, ping: ping(db), close };
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = safe.password ? '***' : '';
  return { db, kind: 'postgres', describe: `PostgreSQL ${safe.toString()}`, ping: ping(db), close: () => db.destroy() };
}
