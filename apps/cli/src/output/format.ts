import { formatDuration } from '@pons/protocol';

/** `3m ago`, `in 2d 4h`, or `just now`: how far a moment is from now, in the shortest words. */
export function relative(at: number, now: number): string {
  const delta = now - at;
  if (Math.abs(delta) < 1000) return 'just now';
  return delta > 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(-delta)}`;
}

/** An absolute time in UTC, the same wherever the admin runs the command: `2026-01-31 14:05:09 UTC`. */
export function timestamp(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `2026-01-31 14:05:09 UTC (3m ago)` */
export function when(at: number | null | undefined, now: number): string {
  return at === null || at === undefined ? 'never' : `${timestamp(at)} (${relative(at, now)})`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Binary units, one decimal above bytes: `512 B`, `15.6 GiB`. */
export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${UNITS[unit]}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The first `max` items, then how many more: `10.0.0.1, 10.0.0.2 (+3)`. */
export function firstFew(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} (+${items.length - max})`;
}

export const dash = (value: string | null | undefined): string => (value === null || value === undefined || value === '' ? '-' : value);
