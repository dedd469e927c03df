import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readStdinLines } from './prompt.js';

const stdin = (text: string) => Readable.from([Buffer.from(text)]);

describe('readStdinLines', () => {
  it('returns the lines asked for, without their endings', async () => {
    expect(await readStdinLines(stdin('old\r\nnew\n'), 2, 'two passwords')).toEqual(['old', 'new']);
  });

  it('refuses a missing or empty line', async () => {
    await expect(readStdinLines(stdin('only\n'), 2, 'two passwords')).rejects.toThrow('expected two passwords on stdin, one per line');
    await expect(readStdinLines(stdin('\nnew\n'), 2, 'two passwords')).rejects.toThrow('expected two passwords');
  });

  it('adds an optional line when it is there, and only then', async () => {
    expect(await readStdinLines(stdin('secret\n123456\n'), 1, 'the password', 1)).toEqual(['secret', '123456']);
    expect(await readStdinLines(stdin('secret\n'), 1, 'the password', 1)).toEqual(['secret']);
    expect(await readStdinLines(stdin('secret'), 1, 'the password', 1)).toEqual(['secret']);
    expect(await readStdinLines(stdin('secret\n\n123456\n'), 1, 'the password', 1)).toEqual(['secret']);
  });
});
