import type { Kysely } from 'kysely';
import type { Database, PackageFilesTable, PackagesTable, PackageVersionsTable } from '../../platform/db/tables.js';
import type { EntityScope } from '../../platform/http/access.js';

export type PackageRow = PackagesTable & { entity_name: string };
export type VersionRow = PackageVersionsTable & { size: number };

const inScope = (scope: EntityScope): string[] | null => (scope === 'all' ? null : scope.size > 0 ? [...scope] : ['']);

export class PackagesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private packages(scope: EntityScope) {
    let q = this.db
      .selectFrom('packages')
      .innerJoin('entities', 'entities.id', 'packages.entity_id')
      .selectAll('packages')
      .select('entities.name as entity_name');
    const ids = inScope(scope);
    if (ids) q = q.where('packages.entity_id', 'in', ids);
    return q;
  }

  findById(id: string, scope: EntityScope): Promise<PackageRow | undefined> {
    return this.packages(scope).where('packages.id', '=', id).executeTakeFirst();
  }

  findByName(name: string, scope: EntityScope): Promise<PackageRow[]> {
    return this.packages(scope).where('packages.name', '=', name).limit(10).execute();
  }

  findInEntity(entityId: string, name: string): Promise<PackagesTable | undefined> {
    return this.db.selectFrom('packages').selectAll().where('entity_id', '=', entityId).where('name', '=', name).executeTakeFirst();
  }

  async list(scope: EntityScope, q: string | undefined, limit: number, offset: number): Promise<{ rows: PackageRow[]; total: number }> {
    // Wildcards in the query are dropped rather than escaped: SQLite and PostgreSQL escape differently.
    const like = q ? `%${q.toLowerCase().replace(/[%_\\]/g, '')}%` : null;
    let base = this.packages(scope);
    if (like) base = base.where((eb) => eb(eb.fn('lower', ['packages.name']), 'like', like));
    const rows = await base.orderBy('packages.name').orderBy('packages.id').limit(limit).offset(offset).execute();
    const ids = inScope(scope);
    let count = this.db.selectFrom('packages').select((eb) => eb.fn.countAll<number>().as('n'));
    if (ids) count = count.where('entity_id', 'in', ids);
    if (like) count = count.where((eb) => eb(eb.fn('lower', ['name']), 'like', like));
    const total = Number((await count.executeTakeFirstOrThrow()).n);
    return { rows, total };
  }

  async insertPackage(row: PackagesTable): Promise<void> {
    await this.db.insertInto('packages').values(row).execute();
  }

  async insertVersion(row: PackageVersionsTable): Promise<void> {
    await this.db.insertInto('package_versions').values(row).execute();
  }

  private versions() {
    return this.db
      .selectFrom('package_versions as v')
      .selectAll('v')
      .select((eb) =>
        eb
          .selectFrom('package_files as f')
          .whereRef('f.package_id', '=', 'v.package_id')
          .whereRef('f.revision', '=', 'v.revision')
          .select((inner) => inner.fn.coalesce(inner.fn.sum<number>('f.size'), inner.lit(0)).as('s'))
          .as('size'),
      );
  }

  async versionsOf(packageIds: string[]): Promise<VersionRow[]> {
    if (packageIds.length === 0) return [];
    const rows = await this.versions().where('v.package_id', 'in', packageIds).orderBy('v.revision', 'desc').execute();
    return rows.map((r) => ({ ...r, size: Number(r.size ?? 0) }));
  }

  async version(packageId: string, revision: number): Promise<VersionRow | undefined> {
    const row = await this.versions().where('v.package_id', '=', packageId).where('v.revision', '=', revision).executeTakeFirst();
    return row ? { ...row, size: Number(row.size ?? 0) } : undefined;
  }

  files(packageId: string, revision: number): Promise<PackageFilesTable[]> {
    return this.db
      .selectFrom('package_files')
      .selectAll()
      .where('package_id', '=', packageId)
      .where('revision', '=', revision)
      .orderBy('name')
      .execute();
  }

  async copyFiles(packageId: string, from: number, to: number): Promise<void> {
    const rows = await this.files(packageId, from);
    if (rows.length > 0)
      await this.db
        .insertInto('package_files')
        .values(rows.map((r) => ({ ...r, revision: to })))
        .execute();
  }

  async putFile(row: PackageFilesTable): Promise<void> {
    await this.db
      .insertInto('package_files')
      .values(row)
      .onConflict((oc) => oc.columns(['package_id', 'revision', 'name']).doUpdateSet({ sha256: row.sha256, size: row.size }))
      .execute();
  }

  async removeFile(packageId: string, revision: number, name: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('package_files')
      .where('package_id', '=', packageId)
      .where('revision', '=', revision)
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async recordBlob(sha256: string, size: number, now: number): Promise<void> {
    await this.db
      .insertInto('blobs')
      .values({ sha256, size, created_at: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async updatePending(packageId: string, set: Partial<PackageVersionsTable>): Promise<void> {
    await this.db.updateTable('package_versions').set(set).where('package_id', '=', packageId).where('status', '=', 'pending').execute();
  }

  /** Freezes the pending version; false when it was no longer pending (another request won). */
  async submit(packageId: string, revision: number, by: string, at: number, digest: string): Promise<boolean> {
    const result = await this.db
      .updateTable('package_versions')
      .set({ status: 'submitted', submitted_at: at, submitted_by: by, digest })
      .where('package_id', '=', packageId)
      .where('revision', '=', revision)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deletePending(packageId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('package_versions')
      .where('package_id', '=', packageId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async labelTaken(packageId: string, version: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('package_versions')
      .select('revision')
      .where('package_id', '=', packageId)
      .where('version', '=', version)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    return row !== undefined;
  }
}
