/**
 * The label proposed for the version that follows `label`: its last number plus one (`1.2` →
 * `1.3`, `2.0.9` → `2.0.10`), or `-2`, `-3`… appended when it has no number; never one in `taken`.
 */
export function nextVersionLabel(label: string, taken: ReadonlySet<string>): string {
  const match = /^(.*?)(\d+)([^\d]*)$/.exec(label);
  const make = (n: number) => (match ? `${match[1]}${Number(match[2]) + n}${match[3]}` : `${label}-${n + 1}`);
  for (let n = 1; ; n++) {
    const candidate = make(n);
    if (!taken.has(candidate) && candidate.length <= 64) return candidate;
    if (n > 10_000) return `${label.slice(0, 40)}-${Date.now()}`;
  }
}
