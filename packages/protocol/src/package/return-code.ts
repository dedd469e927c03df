/**
 * Medulla's return-code tests (`gotoreturncode@<cond>`), parsed once and evaluated by the agent:
 * `n` or `==n`, `!=n`, `<n`, `<=n`, `>n`, `>=n`, `IN a,b,c`, `OUT a,b`.
 */
export type ReturnCodeTest = { op: '==' | '!=' | '<' | '<=' | '>' | '>='; value: number } | { op: 'IN' | 'OUT'; values: number[] };

const COMPARE = /^(==|!=|<=|>=|<|>)?\s*(-?\d{1,10})$/;
const SET = /^(IN|OUT)\s*(-?\d{1,10}(?:\s*,\s*-?\d{1,10})*)$/;

/** The test a condition text describes, or undefined when it is not one. */
export function parseReturnCodeCondition(text: string): ReturnCodeTest | undefined {
  const trimmed = text.trim();
  const compare = COMPARE.exec(trimmed);
  if (compare) {
    const op = (compare[1] ?? '==') as '==' | '!=' | '<' | '<=' | '>' | '>=';
    return { op, value: Number(compare[2]) };
  }
  const set = SET.exec(trimmed);
  if (set) return { op: set[1] as 'IN' | 'OUT', values: (set[2] ?? '').split(',').map((v) => Number(v.trim())) };
  return undefined;
}

export function returnCodePasses(test: ReturnCodeTest, code: number): boolean {
  switch (test.op) {
    case '==':
      return code === test.value;
    case '!=':
      return code !== test.value;
    case '<':
      return code < test.value;
    case '<=':
      return code <= test.value;
    case '>':
      return code > test.value;
    case '>=':
      return code >= test.value;
    case 'IN':
      return test.values.includes(code);
    case 'OUT':
      return !test.values.includes(code);
  }
}
