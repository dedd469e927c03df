/** Formatting for people: times, durations, sizes and counts. Pure functions, no DOM. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time, `2026-11-23 07:54:12`: unambiguous in every locale. */
export function dateTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A span of time in its largest one or two units: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function span(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.floor(abs / SECOND)} s`;
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h && d < 10 ? `${d} d ${h} h` : `${d} d`;
}

/** `just now`, `3 min ago`, `in 6 d`; the date itself beyond a year. */
export function relativeTime(at: number, now: number): string {
  const delta = now - at;
  if (Math.abs(delta) < 5 * SECOND) return 'just now';
  if (Math.abs(delta) > 365 * DAY) return dateTime(at).slice(0, 10);
  return delta > 0 ? `${span(delta)} ago` : `in ${span(delta)}`;
}

/** How long a state has lasted: `just now`, `for 3 min`. */
export function sinceText(at: number, now: number): string {
  return now - at < 5 * SECOND ? 'just now' : `for ${span(now - at)}`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Binary sizes, as operating systems report memory: `512 B`, `1.5 KiB`, `15.6 GiB`. */
export function bytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

const numberFormat = new Intl.NumberFormat('en-US');

/** `12,345` */
export function count(n: number): string {
  return numberFormat.format(n);
}

/** `1 machine`, `3 machines` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Used share of a filesystem as a whole percentage, `0` for an empty one. */
export function percent(used: number, size: number): number {
  return size > 0 ? Math.min(100, Math.round((used / size) * 100)) : 0;
}
