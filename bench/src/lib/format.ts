/** Number formats shared by the benchmarks' tables. */
export const mb = (n: number): string => `${n.toFixed(1)} MB`;
export const secs = (ms: number | null): string => (ms === null ? 'not reached' : `${(ms / 1000).toFixed(2)} s`);
export const msText = (ms: number | null): string => (ms === null ? 'n/a' : `${Math.round(ms)} ms`);
export const kb = (n: number): string => `${n.toFixed(1)} KB`;

/** "x.xx× the ceiling", or nothing when there is no ceiling figure to compare with. */
export function ratio(value: number | null, ceiling: number | null | undefined): string {
  if (value === null || ceiling === null || ceiling === undefined || ceiling <= 0) return '';
  return ` (${(value / ceiling).toFixed(2)}× ceiling)`;
}

/** p50 / p99 / max of a list, nearest-rank; nulls when it is empty. */
export function quantiles(values: readonly number[]): { p50: number | null; p99: number | null; max: number | null; count: number } {
  if (values.length === 0) return { p50: null, p99: null, max: null, count: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]!, count: sorted.length };
}

export function median(values: readonly number[]): number | null {
  return quantiles(values).p50;
}

export const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** "ours X s, other processes Y s (Z % of the machine)" for a CpuWindow's figures. */
export function cpuWindowText(w: { wallMs: number; oursMs: number; otherMs: number }, cores: number): string {
  const share = (ms: number) => `${Math.round((ms / (w.wallMs * cores)) * 100)} %`;
  return `server, load generators and bench ${(w.oursMs / 1000).toFixed(1)} s (${share(w.oursMs)}), other processes ${(w.otherMs / 1000).toFixed(1)} s (${share(w.otherMs)}) of ${cores} cores × ${(w.wallMs / 1000).toFixed(1)} s`;
}
