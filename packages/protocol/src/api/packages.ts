import { Type, type Static } from '@sinclair/typebox';
import { Checks, PackageFile, PackageName, PackageOs, PackageVersionLabel, Sequences } from '../package/descriptor.js';

/** `pending`: being edited, files may still change (Medulla's pending package); `submitted`: frozen. */
export const PackageVersionStatus = Type.Union([Type.Literal('pending'), Type.Literal('submitted')]);
export type PackageVersionStatus = Static<typeof PackageVersionStatus>;

const Description = Type.String({ maxLength: 4000 });
const OsList = Type.Array(PackageOs, { minItems: 1, maxItems: 3, uniqueItems: true });

export const CreatePackageRequest = Type.Object(
  {
    name: PackageName,
    version: PackageVersionLabel,
    description: Type.Optional(Description),
    os: OsList,
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Entity id or name; root when absent' })),
    sequences: Type.Optional(Sequences),
    checks: Type.Optional(Checks),
  },
  { additionalProperties: false },
);
export type CreatePackageRequest = Static<typeof CreatePackageRequest>;

/** Changes to the pending version; it is made from the latest submitted one when there is none. */
export const UpdatePackageRequest = Type.Object(
  {
    version: Type.Optional(PackageVersionLabel),
    description: Type.Optional(Description),
    os: Type.Optional(OsList),
    sequences: Type.Optional(Sequences),
    checks: Type.Optional(Checks),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePackageRequest = Static<typeof UpdatePackageRequest>;

export const PackageVersion = Type.Object({
  packageId: Type.String(),
  revision: Type.Integer({ description: 'Counts the versions of this package: 1, 2, 3…' }),
  version: PackageVersionLabel,
  status: PackageVersionStatus,
  description: Description,
  os: Type.Array(PackageOs),
  sequences: Sequences,
  checks: Checks,
  files: Type.Array(PackageFile),
  size: Type.Integer({ description: 'Bytes of all files' }),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
  submittedAt: Type.Union([Type.Integer(), Type.Null()]),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  /** SHA-256 of the descriptor a machine receives; set once submitted. */
  digest: Type.Union([Type.String(), Type.Null()]),
});
export type PackageVersion = Static<typeof PackageVersion>;

export const PackageVersionSummary = Type.Pick(PackageVersion, [
  'revision',
  'version',
  'status',
  'size',
  'createdAt',
  'submittedAt',
  'submittedBy',
]);
export type PackageVersionSummary = Static<typeof PackageVersionSummary>;

export const PackageSummary = Type.Object({
  id: Type.String(),
  name: PackageName,
  entityId: Type.String(),
  entityName: Type.String(),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
  /** The newest submitted version, which deployments use; null until the first is submitted. */
  latest: Type.Union([PackageVersionSummary, Type.Null()]),
  /** The version being edited, if any. */
  pending: Type.Union([PackageVersionSummary, Type.Null()]),
  os: Type.Array(PackageOs),
  description: Description,
});
export type PackageSummary = Static<typeof PackageSummary>;

export const PackageDetail = Type.Composite([
  PackageSummary,
  Type.Object({
    versions: Type.Array(PackageVersionSummary),
    /** The pending version when there is one, else the latest submitted. */
    current: PackageVersion,
  }),
]);
export type PackageDetail = Static<typeof PackageDetail>;

export const PackageList = Type.Object({ items: Type.Array(PackageSummary), total: Type.Integer() });
export type PackageList = Static<typeof PackageList>;

export const PackageListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 128, description: 'Substring of the name' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type PackageListQuery = Static<typeof PackageListQuery>;
