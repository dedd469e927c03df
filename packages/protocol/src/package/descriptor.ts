import { Type, type Static } from '@sinclair/typebox';
import { PackageFileName, Shell, Step } from './steps.js';

export const PackageOs = Type.Union([Type.Literal('linux'), Type.Literal('windows'), Type.Literal('macos')]);
export type PackageOs = Static<typeof PackageOs>;
export const packageOses: PackageOs[] = ['linux', 'windows', 'macos'];

export const PackageName = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9 ._+()-]*$',
  description: 'Letters, digits, spaces and . _ + ( ) -',
});
export const PackageVersionLabel = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._+~-]*$' });

const Sequence = Type.Array(Step, { maxItems: 200 });

/** One step sequence per target OS, as Medulla's `win`, `linux` and `mac` sections. */
export const Sequences = Type.Object(
  { linux: Type.Optional(Sequence), windows: Type.Optional(Sequence), macos: Type.Optional(Sequence) },
  { additionalProperties: false },
);
export type Sequences = Static<typeof Sequences>;

/**
 * How to tell, on a machine, that the package is there: exit code 0 means installed. Convergence
 * runs it to find machines where the package went missing.
 */
export const CheckCommand = Type.Object(
  {
    shell: Shell,
    command: Type.String({ minLength: 1, maxLength: 8192 }),
    timeoutS: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: '60 when absent' })),
  },
  { additionalProperties: false },
);
export const Checks = Type.Object(
  { linux: Type.Optional(CheckCommand), windows: Type.Optional(CheckCommand), macos: Type.Optional(CheckCommand) },
  { additionalProperties: false },
);
export type CheckCommand = Static<typeof CheckCommand>;
export type Checks = Static<typeof Checks>;

export const PackageFile = Type.Object({
  name: PackageFileName,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  size: Type.Integer({ minimum: 0 }),
});
export type PackageFile = Static<typeof PackageFile>;

/**
 * What a machine needs to run one version of a package: what the deployment command carries and
 * what an export archive's manifest holds. Its digest (SHA-256 of its canonical JSON) names it.
 */
export const PackageDescriptor = Type.Object({
  format: Type.Literal(1),
  name: PackageName,
  version: PackageVersionLabel,
  description: Type.String({ maxLength: 4000 }),
  os: Type.Array(PackageOs, { minItems: 1, maxItems: 3, uniqueItems: true }),
  sequences: Sequences,
  checks: Checks,
  files: Type.Array(PackageFile, { maxItems: 1000 }),
});
export type PackageDescriptor = Static<typeof PackageDescriptor>;

/** `manifest.json`, the first entry of a package archive; the files follow under `files/`. */
export const PackageManifest = Type.Object({
  format: Type.Literal('pons-package'),
  formatVersion: Type.Literal(1),
  /** SHA-256 of the descriptor's canonical JSON: the import checks it. */
  digest: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  exportedAt: Type.Integer({ minimum: 0 }),
  descriptor: PackageDescriptor,
});
export type PackageManifest = Static<typeof PackageManifest>;
