import { LinkError } from '@pons/agent-link';
import { describe, expect, it } from 'vitest';
import { failureKey, LatencyHistogram, RateMeter, SimStats } from './sim-stats.js';

describe('RateMeter', () => {
  it('keeps the busiest one-second window', () => {
    const meter = new RateMeter(1000);
    for (const t of [1000, 1200, 1999, 2000, 2500, 2600, 2700, 3100]) meter.tick(t);
    expect(meter.peak).toBe(4);
  });
});

describe('LatencyHistogram', () => {
  it('gives percentiles within 25 %', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.summary()).toEqual({ p50: null, p95: null, p99: null, max: null });
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);
    const { p50, p95, max } = histogram.summary();
    expect(p50).toBeGreaterThanOrEqual(500);
    expect(p50).toBeLessThanOrEqual(625);
    expect(p95).toBeGreaterThanOrEqual(950);
    expect(p95).toBeLessThanOrEqual(1000);
    expect(max).toBe(1000);
  });
});

describe('failureKey', () => {
  it('names protocol refusals by their code', () => {
    expect(failureKey(new LinkError('PONS_E_TOKEN_EXHAUSTED', 'used up', true))).toBe('PONS_E_TOKEN_EXHAUSTED');
  });

  it('says what kind of network failure it was', () => {
    expect(failureKey(new LinkError('PONS_E_UNAVAILABLE', 'cannot connect: read ECONNRESET', false))).toBe('PONS_E_UNAVAILABLE:ECONNRESET');
    expect(failureKey(new LinkError('PONS_E_UNAVAILABLE', 'no welcome from the server within 15000 ms', false))).toBe(
      'PONS_E_UNAVAILABLE:timeout',
    );
    expect(failureKey(new LinkError('PONS_E_UNAVAILABLE', 'the server closed the connection (1012)', false, 1012))).toBe(
      'PONS_E_UNAVAILABLE:close-1012',
    );
    expect(failureKey(new Error('odd'))).toBe('PONS_E_INTERNAL');
  });
});

describe('SimStats', () => {
  it('records the time to connect everybody once, not reconnects', () => {
    const stats = new SimStats('run', 3, 10_000);
    stats.onConnected(10_100, true, true);
    stats.onConnected(10_200, true, true);
    expect(stats.settled).toBe(false);
    stats.onConnected(10_500, true, false);
    stats.connected--;
    stats.onConnected(12_000, false, false);
    const figures = stats.figures(13_000);
    expect(figures).toMatchObject({
      everConnected: 3,
      connected: 3,
      connects: 4,
      enrolled: 2,
      timeToAllMs: 500,
      connectsPerSec: 6,
      peakConnectsPerSec: 3,
    });
    expect(stats.settled).toBe(true);
  });

  it('counts an agent that gave up as settled, and failures by key', () => {
    const stats = new SimStats('run', 2, 0);
    stats.onConnected(10, true, true);
    stats.onFailure(new LinkError('PONS_E_TOKEN_EXHAUSTED', 'used up', true));
    stats.failedAgents++;
    expect(stats.settled).toBe(true);
    expect(stats.figures(20).failures).toEqual({ PONS_E_TOKEN_EXHAUSTED: 1 });
    expect(stats.figures(20).timeToAllMs).toBeNull();
    expect(stats.progressLine(20, 0)).toContain('gave up 1');
  });
});
