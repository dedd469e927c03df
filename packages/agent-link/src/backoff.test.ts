import { CloseCode } from '@pons/protocol';
import { describe, expect, it } from 'vitest';
import {
  attemptAfterClose,
  attemptAfterFailure,
  fullJitterDelay,
  HEALTHY_MS,
  MAX_ATTEMPT,
  REFUSED_ATTEMPT,
  RESTART_ATTEMPT,
} from './backoff.js';

describe('fullJitterDelay', () => {
  it('grows the window exponentially up to the cap', () => {
    expect(fullJitterDelay(0, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0.999)).toBe(7992);
    expect(fullJitterDelay(20, 1000, 60_000, () => 0.999)).toBe(59_940);
  });

  it('spreads delays over the whole window', () => {
    const delays = Array.from({ length: 2000 }, () => fullJitterDelay(3, 1000, 60_000));
    const low = delays.filter((d) => d < 2000).length;
    const high = delays.filter((d) => d >= 6000).length;
    // Uniform over [0, 8000): about a quarter in each of these bands.
    expect(low).toBeGreaterThan(350);
    expect(high).toBeGreaterThan(350);
    expect(Math.max(...delays)).toBeLessThan(8000);
  });
});

describe('attemptAfterClose', () => {
  it('starts afresh after a healthy connection', () => {
    expect(attemptAfterClose(4, CloseCode.goingAway, HEALTHY_MS)).toBe(0);
  });

  it('counts a short-lived connection as one more failure', () => {
    expect(attemptAfterClose(2, 1006, 50)).toBe(3);
  });

  it('spreads reconnects after a server restart', () => {
    expect(attemptAfterClose(0, CloseCode.serverRestart, HEALTHY_MS * 10)).toBe(RESTART_ATTEMPT);
    expect(attemptAfterClose(RESTART_ATTEMPT + 2, CloseCode.serverRestart, 0)).toBe(RESTART_ATTEMPT + 2);
  });

  it('backs off fully when another connection replaced this one', () => {
    expect(attemptAfterClose(0, CloseCode.replaced, HEALTHY_MS * 10)).toBe(MAX_ATTEMPT);
  });
});

describe('attemptAfterFailure', () => {
  it('widens the window at each failure of a server that answers', () => {
    expect(attemptAfterFailure(RESTART_ATTEMPT, false)).toBe(RESTART_ATTEMPT + 1);
    expect(attemptAfterFailure(REFUSED_ATTEMPT + 1, false)).toBe(REFUSED_ATTEMPT + 2);
  });

  it('stops widening at the step after a restart while nobody is listening', () => {
    let attempt = RESTART_ATTEMPT;
    for (let i = 0; i < 5; i++) attempt = attemptAfterFailure(attempt, true);
    expect(attempt).toBe(REFUSED_ATTEMPT);
    expect(attemptAfterFailure(0, true)).toBe(1);
    // Never narrows a window that other failures widened.
    expect(attemptAfterFailure(REFUSED_ATTEMPT + 2, true)).toBe(REFUSED_ATTEMPT + 2);
  });
});
