import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests may use, from the environment; absent on a bare machine. */
export const POSTGRES_URL = process.env.PONS_TEST_DATABASE_URL ?? '';

/** Creates an empty database for one test run and drops it afterwards. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pons_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      // A server that just stopped may still be closing its connections: give them a moment
      // rather than kill them (killing makes the closing side report an error).
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
          if (attempt === 19) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      }
      await client.end();
    },
  };
}

/** The database back-ends a suite runs on: SQLite always, PostgreSQL when its URL is set. */
export function databaseBackends(): Array<'sqlite' | 'postgres'> {
  if (!POSTGRES_URL) {
    process.stderr.write('\n*** PONS_TEST_DATABASE_URL is not set: the PostgreSQL runs of this suite are SKIPPED ***\n\n');
    return ['sqlite'];
  }
  return ['sqlite', 'postgres'];
}

/** The NATS server the scale-out tests use, from the environment. */
export const NATS_URL = process.env.PONS_TEST_NATS_URL ?? '';

/** Whether the multi-node suites can run here; says loudly when they cannot. */
export function scaleOutAvailable(): boolean {
  if (POSTGRES_URL && NATS_URL) return true;
  process.stderr.write('\n*** PONS_TEST_DATABASE_URL and PONS_TEST_NATS_URL are needed: the multi-node suite is SKIPPED ***\n\n');
  return false;
}
