import { describe, expect, it } from 'vitest';
import { parseSleepSignal } from './sleep-watch.js';

describe('parseSleepSignal', () => {
  it('reads logind sleep and wake signals as gdbus prints them', () => {
    expect(parseSleepSignal('/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)')).toBe('sleep');
    expect(parseSleepSignal('/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,)')).toBe('resume');
    expect(
      parseSleepSignal(
        "/org/freedesktop/login1: org.freedesktop.login1.Manager.SessionNew ('3', objectpath '/org/freedesktop/login1/session/_33')",
      ),
    ).toBeNull();
  });
});
