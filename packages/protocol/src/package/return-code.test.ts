import { describe, expect, it } from 'vitest';
import { validator } from '../validate.js';
import { parseReturnCodeCondition, returnCodePasses } from './return-code.js';
import { ReturnCodeCondition } from './steps.js';

const passes = (condition: string, code: number) => {
  const test = parseReturnCodeCondition(condition);
  if (!test) throw new Error(`not a condition: ${condition}`);
  return returnCodePasses(test, code);
};

describe('return-code conditions, as Medulla writes them', () => {
  it('compares', () => {
    expect(passes('0', 0)).toBe(true);
    expect(passes('==3', 3)).toBe(true);
    expect(passes('==3', 4)).toBe(false);
    expect(passes('!=0', 1)).toBe(true);
    expect(passes('!=0', 0)).toBe(false);
    expect(passes('<2', 1)).toBe(true);
    expect(passes('<2', 2)).toBe(false);
    expect(passes('<=2', 2)).toBe(true);
    expect(passes('>1', 2)).toBe(true);
    expect(passes('>=-1', -1)).toBe(true);
  });

  it('tests membership, with or without spaces', () => {
    expect(passes('IN1,2,3', 2)).toBe(true);
    expect(passes('IN 1, 2, 3', 4)).toBe(false);
    expect(passes('OUT 0,3010', 5)).toBe(true);
    expect(passes('OUT0,3010', 3010)).toBe(false);
  });

  it('refuses what is not a condition, and the schema agrees with the parser', () => {
    const check = validator(ReturnCodeCondition);
    for (const bad of ['', '=1', 'IN', 'IN a,b', '>>1', '1,2', 'NOT 1']) {
      expect(parseReturnCodeCondition(bad)).toBeUndefined();
      expect(check.is(bad)).toBe(false);
    }
    for (const good of ['0', '==0', '!= 1', '<3', 'IN 1,2', 'OUT -1']) {
      expect(parseReturnCodeCondition(good)).toBeDefined();
      expect(check.is(good)).toBe(true);
    }
  });
});
