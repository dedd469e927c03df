import { InvalidArgumentError } from 'commander';
import { normaliseFingerprint } from '@pons/crypto';
import { Features, formatDuration, parseDuration, type AccessLevel, type Feature, type RoleAssignment } from '@pons/protocol';
import { usageError } from './errors.js';

/**
 * Option parsers: each checks a value on this side, before any request, and throws a sentence
 * that says what is accepted. Commander reports it as a usage error (exit code 2).
 */

export function positiveInteger(max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('It must be a whole number of 1 or more.');
    if (value > max) throw new InvalidArgumentError(`It must be at most ${max}.`);
    return value;
  };
}

export function nonNegativeInteger(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError('It must be a whole number of 0 or more.');
  return value;
}

/** A duration such as `30m`, `12h`, `7d` or `1h30m`, within bounds, in milliseconds. */
export function duration(minMs: number, maxMs: number): (text: string) => number {
  return (text) => {
    const value = parseDuration(text);
    if (value === undefined) throw new InvalidArgumentError('It must be a duration such as 30m, 12h, 7d or 1h30m.');
    if (value < minMs) throw new InvalidArgumentError(`It must be at least ${formatDuration(minMs)}.`);
    if (value > maxMs) throw new InvalidArgumentError(`It must be at most ${formatDuration(maxMs)}.`);
    return value;
  };
}

export function oneOf<T extends string>(values: readonly T[]): (text: string) => T {
  return (text) => {
    const found = values.find((v) => v === text.trim().toLowerCase());
    if (!found) throw new InvalidArgumentError(`It must be one of ${values.join(', ')}.`);
    return found;
  };
}

export function fingerprint(text: string): string {
  const value = normaliseFingerprint(text);
  if (!value) throw new InvalidArgumentError('It must be a SHA-256 fingerprint: sha256: and 64 hex digits.');
  return value;
}

export function maxLength(max: number): (text: string) => string {
  return (text) => {
    if (text.length > max) throw new InvalidArgumentError(`It must have at most ${max} characters.`);
    return text;
  };
}

/** Lets an option be given several times: `--role a=b --role c=d` gives both, in order. */
export function repeatable<T>(parse: (text: string) => T): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => [...(previous ?? []), parse(text)];
}

/** `NAME=VALUE`, split at the last `=` (entity names may hold one), both sides trimmed and non-empty. */
function pair(text: string, shape: string): [string, string] {
  const at = text.lastIndexOf('=');
  const name = at < 0 ? '' : text.slice(0, at).trim();
  const value = at < 0 ? '' : text.slice(at + 1).trim();
  if (name === '' || value === '') throw new InvalidArgumentError(`It must be ${shape}.`);
  return [name, value];
}

/** `inventory=ro`: a feature and the most a token may do with it. */
export function featureLevel(text: string): [Feature, AccessLevel] {
  const [name, value] = pair(text, 'FEATURE=ro or FEATURE=rw, such as inventory=ro');
  const feature = Features.find((f) => f === name.toLowerCase());
  if (!feature) throw new InvalidArgumentError(`The feature must be one of ${Features.join(', ')}.`);
  const level = value.toLowerCase();
  if (level !== 'ro' && level !== 'rw') throw new InvalidArgumentError('The level must be ro (read-only) or rw (read-write).');
  return [feature, level];
}

/** `Paris=Technician`: a profile held on an entity (each by name or id). */
export function roleAssignment(text: string): RoleAssignment {
  const [entity, profile] = pair(text, 'ENTITY=PROFILE, such as Paris=Technician');
  return { entity, profile };
}

/** Feature levels as the API takes them; a feature given twice is refused rather than guessed. */
export function permissionsOf(levels: ReadonlyArray<[Feature, AccessLevel]>): Partial<Record<Feature, AccessLevel>> {
  const permissions: Partial<Record<Feature, AccessLevel>> = {};
  for (const [feature, level] of levels) {
    if (permissions[feature] !== undefined) throw usageError(`--permission gives ${feature} twice`);
    permissions[feature] = level;
  }
  return permissions;
}
