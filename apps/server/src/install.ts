import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from './config.js';
import type { Clock } from './platform/clock.js';
import { ensureCommandKey } from './platform/crypto/command-key.js';
import { ensurePki, type ServerPki } from './platform/crypto/pki.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import type { Logger } from './platform/logger.js';
import { IdentityRepository, IdentityService } from './modules/identity/index.js';
import { hostname } from 'node:os';

export function certificateNames(config: ServerConfig): string[] {
  return ['localhost', '127.0.0.1', '::1', hostname(), new URL(config.publicUrl).hostname.replace(/^\[|\]$/g, ''), ...config.tlsNames];
}

export interface Installation {
  database: DatabaseHandle;
  pki: ServerPki;
  /** Set on the first start only, until the admin chooses a password. */
  bootstrapPassword: string | null;
  passwordFile: string;
}

/**
 * Brings the data directory and the database to a usable state: schema migrated, CA and keys,
 * built-in profiles, the bootstrap admin. Idempotent. With `--workers`, the primary process runs it
 * once before starting the workers, so that they never race each other through it.
 */
export async function prepareInstallation(config: ServerConfig, clock: Clock, log: Logger): Promise<Installation> {
  mkdirSync(config.dataDir, { recursive: true });
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  const pki = await ensurePki(config.dataDir, certificateNames(config));
  ensureCommandKey(config.dataDir);
  const passwordFile = path.join(config.dataDir, 'bootstrap-password.txt');
  const identity = new IdentityService(new IdentityRepository(database.db), clock, log);
  await identity.ensureBuiltinProfiles();
  const bootstrapPassword = await identity.ensureBootstrapAdmin();
  if (bootstrapPassword) writeFileSync(passwordFile, `${bootstrapPassword}\n`, { mode: 0o600 });
  return { database, pki, bootstrapPassword, passwordFile };
}

export function forgetBootstrapPassword(passwordFile: string): void {
  rmSync(passwordFile, { force: true });
}
