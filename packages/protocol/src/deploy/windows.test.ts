import { describe, expect, it } from 'vitest';
import { inWindows, nextWindow, parseWindows, type HourRange } from './windows.js';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
const ranges = (text: string) => parseWindows(text) as HourRange[];

describe('deployment windows', () => {
  it("reads Medulla's intervals, with ranges that cross midnight", () => {
    expect(parseWindows('12-14,20-24,0-8')).toEqual([
      [12, 14],
      [20, 24],
      [0, 8],
    ]);
    expect(parseWindows('22-6')).toEqual([
      [22, 24],
      [0, 6],
    ]);
  });

  it('says what is wrong with a bad interval', () => {
    expect(parseWindows('12-14,25-26')).toBe('"25-26": hours go from 0 to 24, and a range cannot end at 0.');
    expect(parseWindows('8-8')).toBe('"8-8" is empty.');
    expect(parseWindows('noon')).toBe('"noon" is not a range of hours such as 20-24.');
  });

  it('knows whether a moment is inside', () => {
    const w = ranges('12-14,20-24,0-8');
    expect(inWindows(w, at(2, 13, 59))).toBe(true);
    expect(inWindows(w, at(2, 14, 0))).toBe(false);
    expect(inWindows(w, at(2, 23, 30))).toBe(true);
    expect(inWindows(w, at(3, 7, 0))).toBe(true);
    expect(inWindows(w, at(3, 9, 0))).toBe(false);
  });

  it('finds the next opening and when it closes, joining windows across midnight', () => {
    const w = ranges('12-14,20-24,0-8');
    expect(nextWindow(w, at(2, 9, 30))).toEqual({ opens: at(2, 12), closes: at(2, 14) });
    expect(nextWindow(w, at(2, 12, 30))).toEqual({ opens: at(2, 12, 30), closes: at(2, 14) });
    expect(nextWindow(w, at(2, 21))).toEqual({ opens: at(2, 21), closes: at(3, 8) });
  });
});
