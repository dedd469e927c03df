/**
 * Deterministic JSON: object keys sorted, no whitespace. Signatures are computed over this form
 * so that re-serialisation by a relay or a proxy cannot change what was signed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('value cannot be represented in JSON');
    return text;
  }
  // Plain loops and one string: this runs for every command an agent checks.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i] ?? null);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // Default sort order is by UTF-16 code units, as JSON canonicalisation schemes (and `<`) order keys.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}
