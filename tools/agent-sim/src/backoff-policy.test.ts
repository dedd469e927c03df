import { CloseCode } from '@pons/protocol';
import { describe, expect, it } from 'vitest';
import { attemptAfterClose, HEALTHY_MS, MAX_ATTEMPT, RESTART_ATTEMPT } from './backoff-policy.js';

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
