import { InvalidArgumentError } from 'commander';
import { normaliseFingerprint } from '@pons/crypto';
import { formatDuration, parseDuration } from '@pons/protocol';

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
