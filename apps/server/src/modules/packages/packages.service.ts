import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  packageProblems,
  type CreatePackageRequest,
  type PackageDescriptor,
  type PackageDetail,
  type PackageFile,
  type PackageList,
  type PackageListQuery,
  type PackageManifest,
  type PackageVersion,
  type UpdatePackageRequest,
} from '@pons/protocol';
import { canonicalJson, sha256Hex } from '@pons/crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { PonsError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/file-store.js';
import type { Principal } from '../../platform/http/access.js';
import { inScope, type EntityTree } from '../identity/index.js';
import { nextVersionLabel } from './next-version.js';
import { readArchive, writeArchive } from './package-archive.js';
import { describeVersion, presentDetail, presentSummary, presentVersion } from './package-mapper.js';
import { PackagesRepository, type PackageRow, type VersionRow } from './packages.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Packages and their versions, as Medulla's packagers know them: files and steps are edited on a
 * pending version, which "Submit" freezes. A submitted version never changes; editing starts the
 * next one from it.
 */
export class PackagesService {
  private readonly repo: PackagesRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly store: FileStore,
    private readonly entities: () => Promise<EntityTree>,
    private readonly maxFileBytes: number,
  ) {
    this.repo = new PackagesRepository(db);
  }

  async create(principal: Principal, request: CreatePackageRequest): Promise<PackageDetail> {
    const entity = (await this.entities()).resolve(request.entity ?? 'root');
    if (!inScope(principal.scope('packaging', 'rw'), entity.id)) {
      throw new PonsError('PONS_E_FORBIDDEN', `You may not create packages in entity "${entity.name}".`);
    }
    const id = randomUUID();
    const now = this.clock.now();
    try {
      await this.db.transaction().execute(async (trx) => {
        const repo = new PackagesRepository(trx);
        await repo.insertPackage({ id, name: request.name, entity_id: entity.id, created_at: now, created_by: principal.username });
        await repo.insertVersion({
          package_id: id,
          revision: 1,
          version: request.version,
          status: 'pending',
          description: request.description ?? '',
          os: JSON.stringify(request.os),
          sequences: JSON.stringify(request.sequences ?? {}),
          checks: JSON.stringify(request.checks ?? {}),
          created_at: now,
          created_by: principal.username,
          submitted_at: null,
          submitted_by: null,
          digest: null,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new PonsError('PONS_E_PACKAGE_EXISTS', `Entity "${entity.name}" already has a package named "${request.name}".`);
      }
      throw error;
    }
    return this.detail(principal, id);
  }

  async list(principal: Principal, query: PackageListQuery): Promise<PackageList> {
    const { rows, total } = await this.repo.list(principal.scope('packaging', 'ro'), query.q, query.limit ?? 200, query.offset ?? 0);
    const versions = await this.repo.versionsOf(rows.map((r) => r.id));
    return {
      items: rows.map((row) =>
        presentSummary(
          row,
          versions.filter((v) => v.package_id === row.id),
        ),
      ),
      total,
    };
  }

  async detail(principal: Principal, ref: string): Promise<PackageDetail> {
    const pkg = await this.resolve(principal, ref, 'ro');
    const versions = await this.repo.versionsOf([pkg.id]);
    const current = versions[0];
    if (!current) throw new PonsError('PONS_E_INTERNAL', `Package "${pkg.name}" has no version.`);
    return presentDetail(pkg, versions, await this.present(current));
  }

  async version(principal: Principal, ref: string, revision: number): Promise<PackageVersion> {
    const pkg = await this.resolve(principal, ref, 'ro');
    return this.present(await this.versionOf(pkg, revision));
  }

  async update(principal: Principal, ref: string, request: UpdatePackageRequest): Promise<PackageDetail> {
    const pkg = await this.resolve(principal, ref, 'rw');
    await this.pending(principal, pkg);
    const set: Record<string, string> = {};
    if (request.version !== undefined) set.version = request.version;
    if (request.description !== undefined) set.description = request.description;
    if (request.os !== undefined) set.os = JSON.stringify(request.os);
    if (request.sequences !== undefined) set.sequences = JSON.stringify(request.sequences);
    if (request.checks !== undefined) set.checks = JSON.stringify(request.checks);
    await this.repo.updatePending(pkg.id, set);
    return this.detail(principal, pkg.id);
  }

  /** Stores an uploaded file and adds it to the pending version (replacing one of the same name). */
  async putFile(principal: Principal, ref: string, name: string, body: Readable, expectedSha256?: string): Promise<PackageFile> {
    const pkg = await this.resolve(principal, ref, 'rw');
    const stored = await this.store.put(body, { maxBytes: this.maxFileBytes, ...(expectedSha256 ? { expectedSha256 } : {}) });
    const pending = await this.pending(principal, pkg);
    await this.db.transaction().execute(async (trx) => {
      const repo = new PackagesRepository(trx);
      await repo.recordBlob(stored.sha256, stored.size, this.clock.now());
      await repo.putFile({ package_id: pkg.id, revision: pending.revision, name, sha256: stored.sha256, size: stored.size });
    });
    return { name, sha256: stored.sha256, size: stored.size };
  }

  async removeFile(principal: Principal, ref: string, name: string): Promise<PackageDetail> {
    const pkg = await this.resolve(principal, ref, 'rw');
    const pending = await this.pending(principal, pkg);
    if (!(await this.repo.removeFile(pkg.id, pending.revision, name))) {
      throw new PonsError('PONS_E_FILE_NOT_FOUND', `The pending version of "${pkg.name}" has no file "${name}".`);
    }
    return this.detail(principal, pkg.id);
  }

  /** Drops the pending version and its files; the submitted versions stay as they were. */
  async discard(principal: Principal, ref: string): Promise<PackageDetail> {
    const pkg = await this.resolve(principal, ref, 'rw');
    const versions = await this.repo.versionsOf([pkg.id]);
    if (!versions.some((v) => v.status === 'submitted')) {
      throw new PonsError('PONS_E_CONFLICT', `"${pkg.name}" has no submitted version to go back to; delete the package instead.`);
    }
    if (!(await this.repo.deletePending(pkg.id)))
      throw new PonsError('PONS_E_PACKAGE_NOT_PENDING', `"${pkg.name}" has no pending version.`);
    return this.detail(principal, pkg.id);
  }

  /** Checks the pending version and freezes it: from now on deployments can use it. */
  async submit(principal: Principal, ref: string): Promise<PackageVersion> {
    const pkg = await this.resolve(principal, ref, 'rw');
    const pending = (await this.repo.versionsOf([pkg.id])).find((v) => v.status === 'pending');
    if (!pending) throw new PonsError('PONS_E_PACKAGE_NOT_PENDING', `"${pkg.name}" has no pending version to submit.`);
    const version = await this.present(pending);
    const problems = packageProblems(version.os, version.sequences, new Set(version.files.map((f) => f.name)));
    if (problems.length > 0) {
      const lines = problems.map((p) => `${p.os}${p.step === null ? '' : ` step ${p.step}`}: ${p.message}`);
      throw new PonsError('PONS_E_PACKAGE_INVALID', `Version ${version.version} of "${pkg.name}" cannot be submitted: ${lines.join(' ')}`, {
        problems,
      });
    }
    if (await this.repo.labelTaken(pkg.id, version.version)) {
      throw new PonsError(
        'PONS_E_PACKAGE_VERSION_EXISTS',
        `"${pkg.name}" already has a submitted version ${version.version}; give this one another version.`,
      );
    }
    const digest = sha256Hex(canonicalJson(describeVersion(pkg, version)));
    let submitted: boolean;
    try {
      submitted = await this.repo.submit(pkg.id, pending.revision, principal.username, this.clock.now(), digest);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new PonsError('PONS_E_PACKAGE_VERSION_EXISTS', `"${pkg.name}" already has a submitted version ${version.version}.`);
      throw error;
    }
    if (!submitted)
      throw new PonsError(
        'PONS_E_PACKAGE_NOT_PENDING',
        `Revision ${pending.revision} of "${pkg.name}" was submitted or discarded meanwhile.`,
      );
    return this.present(await this.versionOf(pkg, pending.revision));
  }

  /** What a machine receives for a submitted version. */
  async descriptor(principal: Principal, ref: string, revision: number): Promise<{ descriptor: PackageDescriptor; digest: string }> {
    const pkg = await this.resolve(principal, ref, 'ro');
    const version = await this.present(await this.versionOf(pkg, revision));
    if (version.status !== 'submitted' || !version.digest) {
      throw new PonsError('PONS_E_PACKAGE_NOT_SUBMITTED', `Revision ${revision} of "${pkg.name}" is not submitted yet.`);
    }
    return { descriptor: describeVersion(pkg, version), digest: version.digest };
  }

  /** The descriptor of a submitted version, for modules that checked their user's rights already. */
  async submittedDescriptor(packageId: string, revision: number): Promise<{ descriptor: PackageDescriptor; digest: string } | null> {
    const pkg = await this.repo.findById(packageId, 'all');
    const row = pkg ? await this.repo.version(packageId, revision) : undefined;
    if (!pkg || !row || row.status !== 'submitted' || !row.digest) return null;
    return { descriptor: describeVersion(pkg, await this.present(row)), digest: row.digest };
  }

  /** The latest submitted revision of a package, or the given one if it is submitted. */
  async submittedRevision(principal: Principal, ref: string, revision?: number): Promise<{ pkg: PackageRow; revision: number }> {
    const pkg = await this.resolve(principal, ref, 'ro');
    const versions = await this.repo.versionsOf([pkg.id]);
    const chosen = versions.find((v) => v.status === 'submitted' && (revision === undefined || v.revision === revision));
    if (!chosen) {
      throw new PonsError(
        'PONS_E_PACKAGE_NOT_SUBMITTED',
        revision === undefined
          ? `"${pkg.name}" has no submitted version yet: submit it before deploying it.`
          : `Revision ${revision} of "${pkg.name}" is not a submitted version.`,
      );
    }
    return { pkg, revision: chosen.revision };
  }

  /** A submitted version as a single archive: its manifest, then its files. */
  async exportArchive(principal: Principal, ref: string, revision: number): Promise<{ archive: Readable; fileName: string }> {
    const pkg = await this.resolve(principal, ref, 'ro');
    const { descriptor, digest } = await this.descriptor(principal, pkg.id, revision);
    const manifest: PackageManifest = { format: 'pons-package', formatVersion: 1, digest, exportedAt: this.clock.now(), descriptor };
    const fileName = `${pkg.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-${descriptor.version}.pons.tar`;
    return { archive: writeArchive(manifest, (sha) => this.store.pathOf(sha)), fileName };
  }

  /**
   * Imports an archive as a submitted version: of a new package, or the next version of the
   * package of that name in the entity. The digest and every file's SHA-256 are checked first.
   */
  async importArchive(principal: Principal, body: Readable, entityRef?: string): Promise<PackageVersion> {
    const entity = (await this.entities()).resolve(entityRef ?? 'root');
    if (!inScope(principal.scope('packaging', 'rw'), entity.id)) {
      throw new PonsError('PONS_E_FORBIDDEN', `You may not create packages in entity "${entity.name}".`);
    }
    const { manifest, descriptor } = await readArchive(body, this.store, this.maxFileBytes);
    if (sha256Hex(canonicalJson(descriptor)) !== manifest.digest) {
      throw new PonsError(
        'PONS_E_PACKAGE_ARCHIVE_INVALID',
        "The manifest's digest does not match its descriptor: the archive was altered.",
      );
    }
    const problems = packageProblems(descriptor.os, descriptor.sequences, new Set(descriptor.files.map((f) => f.name)));
    if (problems.length > 0) {
      throw new PonsError('PONS_E_PACKAGE_INVALID', `The archive's steps cannot run: ${problems.map((p) => p.message).join(' ')}`, {
        problems,
      });
    }
    const now = this.clock.now();
    const pkg = await this.db.transaction().execute(async (trx) => {
      const repo = new PackagesRepository(trx);
      let existing = await repo.findInEntity(entity.id, descriptor.name);
      if (!existing) {
        existing = { id: randomUUID(), name: descriptor.name, entity_id: entity.id, created_at: now, created_by: principal.username };
        await repo.insertPackage(existing);
      }
      if (await repo.labelTaken(existing.id, descriptor.version)) {
        throw new PonsError('PONS_E_PACKAGE_VERSION_EXISTS', `"${descriptor.name}" already has a submitted version ${descriptor.version}.`);
      }
      const revision = Math.max(0, ...(await repo.versionsOf([existing.id])).map((v) => v.revision)) + 1;
      await repo.insertVersion({
        package_id: existing.id,
        revision,
        version: descriptor.version,
        status: 'submitted',
        description: descriptor.description,
        os: JSON.stringify(descriptor.os),
        sequences: JSON.stringify(descriptor.sequences),
        checks: JSON.stringify(descriptor.checks),
        created_at: now,
        created_by: principal.username,
        submitted_at: now,
        submitted_by: principal.username,
        digest: manifest.digest,
      });
      for (const file of descriptor.files) {
        await repo.recordBlob(file.sha256, file.size, now);
        await repo.putFile({ package_id: existing.id, revision, name: file.name, sha256: file.sha256, size: file.size });
      }
      return { id: existing.id, revision };
    });
    return this.version(principal, pkg.id, pkg.revision);
  }

  /** A file of a version, for download: where the store keeps it and its size. */
  async file(principal: Principal, ref: string, revision: number, name: string): Promise<PackageFile & { path: string }> {
    const pkg = await this.resolve(principal, ref, 'ro');
    const file = (await this.repo.files(pkg.id, (await this.versionOf(pkg, revision)).revision)).find((f) => f.name === name);
    if (!file) throw new PonsError('PONS_E_FILE_NOT_FOUND', `Revision ${revision} of "${pkg.name}" has no file "${name}".`);
    return { name, sha256: file.sha256, size: file.size, path: this.store.pathOf(file.sha256) };
  }

  /** The size of a content in the file store, or null when the store lacks it. */
  blobSize(sha256: string): Promise<number | null> {
    return this.store.size(sha256);
  }

  /** Where the file store keeps a content. */
  blobPath(sha256: string): string {
    return this.store.pathOf(sha256);
  }

  /** A package by id, or by name among those the principal may see. */
  async resolve(principal: Principal, ref: string, level: 'ro' | 'rw'): Promise<PackageRow> {
    const scope = principal.scope('packaging', level);
    const byId = UUID.test(ref) ? await this.repo.findById(ref.toLowerCase(), scope) : undefined;
    if (byId) return byId;
    const byName = await this.repo.findByName(ref, scope);
    if (byName.length === 1 && byName[0]) return byName[0];
    if (byName.length > 1) {
      const where = byName.map((p) => `${p.id} (${p.entity_name})`).join(', ');
      throw new PonsError('PONS_E_PACKAGE_AMBIGUOUS', `Several packages are named "${ref}": ${where}. Use the id.`);
    }
    throw new PonsError('PONS_E_PACKAGE_NOT_FOUND', `No package "${ref}" that you may ${level === 'rw' ? 'change' : 'see'}.`);
  }

  private async versionOf(pkg: PackageRow, revision: number): Promise<VersionRow> {
    const row = await this.repo.version(pkg.id, revision);
    if (!row) throw new PonsError('PONS_E_NOT_FOUND', `"${pkg.name}" has no revision ${revision}.`);
    return row;
  }

  /** The pending version, made from the latest submitted one (its files and steps) when there is none. */
  private async pending(principal: Principal, pkg: PackageRow): Promise<VersionRow> {
    const versions = await this.repo.versionsOf([pkg.id]);
    const existing = versions.find((v) => v.status === 'pending');
    if (existing) return existing;
    const latest = versions[0];
    if (!latest) throw new PonsError('PONS_E_INTERNAL', `Package "${pkg.name}" has no version.`);
    const revision = latest.revision + 1;
    try {
      await this.db.transaction().execute(async (trx) => {
        const repo = new PackagesRepository(trx);
        await repo.insertVersion({
          package_id: pkg.id,
          revision,
          version: nextVersionLabel(latest.version, new Set(versions.map((v) => v.version))),
          status: 'pending',
          description: latest.description,
          os: latest.os,
          sequences: latest.sequences,
          checks: latest.checks,
          created_at: this.clock.now(),
          created_by: principal.username,
          submitted_at: null,
          submitted_by: null,
          digest: null,
        });
        await repo.copyFiles(pkg.id, latest.revision, revision);
      });
    } catch (error) {
      // Another request made the pending version first: use that one.
      if (!isUniqueViolation(error)) throw error;
    }
    const made = (await this.repo.versionsOf([pkg.id])).find((v) => v.status === 'pending');
    if (!made) throw new PonsError('PONS_E_CONFLICT', `The pending version of "${pkg.name}" was submitted meanwhile; try again.`);
    return made;
  }

  private async present(row: VersionRow): Promise<PackageVersion> {
    return presentVersion(row, await this.repo.files(row.package_id, row.revision));
  }
}
