import { describe, expect, it } from 'vitest';
import { type TargetStates, targetStateRules } from '@pons/protocol';
import { countStates, countsText, targetTone } from './target-states.js';

describe('countsText', () => {
  it('lists the states in their lifecycle order, without zeros', () => {
    expect(countsText({ 'step-failed': 1, success: 2, running: 1, scheduled: 0 })).toBe('running 1 · success 2 · step-failed 1');
    expect(countsText({})).toBe('');
  });
});

describe('countStates', () => {
  it('counts targets per state', () => {
    expect(countStates([{ state: 'success' }, { state: 'running' }, { state: 'success' }])).toEqual({ success: 2, running: 1 });
  });
});

describe('targetTone', () => {
  const tone = (state: (typeof TargetStates)[number]) => targetTone({ state, final: targetStateRules[state].final });
  it('tells success, failure, work under way and waiting apart', () => {
    expect(tone('success')).toBe('success');
    expect(tone('step-failed')).toBe('failure');
    expect(tone('cancelled')).toBe('failure');
    expect(tone('transferring')).toBe('active');
    expect(tone('scheduled')).toBe('waiting');
    expect(tone('wol-2')).toBe('waiting');
  });
});
