import { sql, type Kysely } from 'kysely';

/**
 * Packages, their versions and their files. File contents live in the file store under their
 * SHA-256; `blobs` records which contents the store holds. A package has at most one pending
 * version (being edited) and any number of submitted ones, each frozen, with distinct labels.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('packages_entity_name_uq', ['entity_id', 'name'])
    .execute();

  await db.schema
    .createTable('package_versions')
    .addColumn('package_id', 'text', (c) => c.notNull().references('packages.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('os', 'text', (c) => c.notNull())
    .addColumn('sequences', 'text', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint')
    .addColumn('submitted_by', 'text')
    .addColumn('digest', 'text')
    .addPrimaryKeyConstraint('package_versions_pk', ['package_id', 'revision'])
    .execute();
  await sql`CREATE UNIQUE INDEX package_versions_one_pending_uq ON package_versions (package_id) WHERE status = 'pending'`.execute(db);
  await sql`CREATE UNIQUE INDEX package_versions_label_uq ON package_versions (package_id, version) WHERE status = 'submitted'`.execute(db);

  await db.schema
    .createTable('package_files')
    .addColumn('package_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('package_files_pk', ['package_id', 'revision', 'name'])
    .addForeignKeyConstraint('package_files_version_fk', ['package_id', 'revision'], 'package_versions', ['package_id', 'revision'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('package_files_sha256_idx').on('package_files').column('sha256').execute();
}
