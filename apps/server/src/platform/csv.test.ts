import { describe, expect, it } from 'vitest';
import { csvLine, exportRows } from './csv.js';

async function collect(source: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of source) out += chunk;
  return out;
}

async function* rows() {
  yield { a: 'x,y', b: 1 };
  yield { a: 'say "hi"', b: null };
}

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and leaves empty cells for null', () => {
    expect(csvLine(['plain', 'a,b', 'He said "no"', 'two\nlines', null, 3])).toBe('plain,"a,b","He said ""no""","two\nlines",,3\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'safe'])).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),safe\r\n`);
  });

  it('streams CSV with a header, or one JSON array', async () => {
    expect(await collect(exportRows('csv', ['a', 'b'], rows(), (r) => [r.a, r.b]))).toBe('a,b\r\n"x,y",1\r\n"say ""hi""",\r\n');
    const json = await collect(exportRows('json', [], rows(), () => []));
    expect(JSON.parse(json)).toEqual([
      { a: 'x,y', b: 1 },
      { a: 'say "hi"', b: null },
    ]);
    expect(JSON.parse(await collect(exportRows('json', [], (async function* () {})(), () => [])))).toEqual([]);
  });
});
