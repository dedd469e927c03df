import { Type } from '@sinclair/typebox';

/**
 * Medulla's deployment intervals: hours of the day, such as `12-14,20-24,0-8` (from 12:00 to
 * 14:00, from 20:00 to midnight and from midnight to 08:00), in the server's local time.
 */
export const DeploymentWindows = Type.String({
  pattern: '^\\s*\\d{1,2}\\s*-\\s*\\d{1,2}(\\s*,\\s*\\d{1,2}\\s*-\\s*\\d{1,2})*\\s*$',
  maxLength: 200,
  description: 'Hours of the day, e.g. "12-14,20-24,0-8" (server local time)',
});

export type HourRange = [start: number, end: number];

/** The ranges of a windows text, or a sentence saying what is wrong with it. */
export function parseWindows(text: string): HourRange[] | string {
  const ranges: HourRange[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(part);
    if (!match) return `"${part.trim()}" is not a range of hours such as 20-24.`;
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (start > 23 || end > 24 || end === 0) return `"${part.trim()}": hours go from 0 to 24, and a range cannot end at 0.`;
    if (start === end) return `"${part.trim()}" is empty.`;
    // 22-6 wraps around midnight: the same as 22-24,0-6.
    if (start > end) ranges.push([start, 24], [0, end]);
    else ranges.push([start, end]);
  }
  return ranges;
}

const HOUR = 3_600_000;

function startOfHour(ms: number): number {
  const d = new Date(ms);
  d.setMinutes(0, 0, 0);
  return d.getTime();
}

export function inWindows(ranges: HourRange[], ms: number): boolean {
  const hour = new Date(ms).getHours();
  return ranges.some(([start, end]) => hour >= start && hour < end);
}

/**
 * The first moment at or after `ms` inside the windows, and when that window closes, looked for
 * within two days; null without windows that ever open.
 */
export function nextWindow(ranges: HourRange[], ms: number): { opens: number; closes: number } | null {
  if (ranges.length === 0) return null;
  let t = ms;
  let opens: number | null = inWindows(ranges, t) ? t : null;
  for (let i = 0; i < 49 && opens === null; i++) {
    t = startOfHour(t) + HOUR;
    if (inWindows(ranges, t)) opens = t;
  }
  if (opens === null) return null;
  let closes = startOfHour(opens) + HOUR;
  for (let i = 0; i < 49 && inWindows(ranges, closes); i++) closes = startOfHour(closes) + HOUR;
  return { opens, closes };
}
