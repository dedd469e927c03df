import { describe, expect, it, vi } from 'vitest';
import { BruteForceGuard } from './brute-force.js';
import { createLogger } from './logger.js';

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now };
  const log = createLogger('silent');
  const warn = vi.spyOn(log, 'warn');
  const guard = new BruteForceGuard({ maxFailures: 5, windowMs: 600_000, banMs: 600_000 }, clock, log);
  return { guard, warn, advance: (ms: number) => (now += ms) };
}

describe('BruteForceGuard', () => {
  it('bans an address at the fifth failure within ten minutes, and logs the ban', () => {
    const { guard, warn } = setup();
    for (let i = 0; i < 4; i++) guard.recordFailure('10.0.0.9', 'login');
    expect(() => guard.assertAllowed('10.0.0.9')).not.toThrow();
    guard.recordFailure('10.0.0.9', 'login');
    expect(() => guard.assertAllowed('10.0.0.9')).toThrow(/Too many failed attempts from 10\.0\.0\.9; try again in 600 s/);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ address: '10.0.0.9' }), expect.stringContaining('banned'));
    expect(() => guard.assertAllowed('10.0.0.10')).not.toThrow();
  });

  it('forgets failures older than the window', () => {
    const { guard, advance } = setup();
    for (let i = 0; i < 4; i++) guard.recordFailure('10.0.0.9', 'login');
    advance(600_001);
    guard.recordFailure('10.0.0.9', 'login');
    expect(() => guard.assertAllowed('10.0.0.9')).not.toThrow();
  });

  it('lifts the ban after its duration', () => {
    const { guard, advance } = setup();
    for (let i = 0; i < 5; i++) guard.recordFailure('10.0.0.9', 'login');
    advance(599_000);
    expect(() => guard.assertAllowed('10.0.0.9')).toThrow();
    advance(2_000);
    expect(() => guard.assertAllowed('10.0.0.9')).not.toThrow();
  });

  it('bans an account after five failures from any addresses, and not the addresses themselves', () => {
    const { guard } = setup();
    for (let i = 0; i < 5; i++) guard.recordFailure(`10.0.1.${i}`, 'login', 'Alice');
    expect(() => guard.assertAllowed('10.0.2.1', 'alice')).toThrow(/Too many failed attempts for this account; try again in 600 s/);
    expect(() => guard.assertAllowed('10.0.2.1', 'bob')).not.toThrow();
    expect(() => guard.assertAllowed('10.0.1.0')).not.toThrow();
  });

  it('reports each ban with its kind', () => {
    const bans: string[] = [];
    const guard = new BruteForceGuard(
      { maxFailures: 2, windowMs: 60_000, banMs: 60_000 },
      { now: () => 5 },
      createLogger('silent'),
      (k, key) => bans.push(`${k}:${key}`),
    );
    guard.recordFailure('10.0.0.1', 'login', 'eve');
    guard.recordFailure('10.0.0.1', 'login', 'eve');
    expect(bans).toEqual(['address:10.0.0.1', 'account:eve']);
  });

  it('counts the failures of every process of a cluster, and reports a ban once, where it happened', () => {
    const bans: string[] = [];
    const policy = { maxFailures: 5, windowMs: 600_000, banMs: 600_000 };
    const nodes = ['n1', 'n2'].map((name) => ({
      name,
      guard: new BruteForceGuard(policy, { now: () => 1 }, createLogger('silent'), (kind, key) => bans.push(`${name} ${kind}:${key}`)),
    }));
    for (const node of nodes)
      node.guard.shareWith((failure) => {
        for (const other of nodes) other.guard.countShared(failure, other === node);
      });
    for (let i = 0; i < 4; i++) nodes[i % 2]!.guard.recordFailure('10.9.9.9', 'login');
    expect(() => nodes[0]!.guard.assertAllowed('10.9.9.9')).not.toThrow();
    nodes[1]!.guard.recordFailure('10.9.9.9', 'login');
    for (const node of nodes) expect(() => node.guard.assertAllowed('10.9.9.9')).toThrow('Too many failed attempts');
    expect(bans).toEqual(['n2 address:10.9.9.9']);
  });
});
