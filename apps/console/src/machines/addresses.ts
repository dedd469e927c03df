/** IPv4 first, then global IPv6, link-local IPv6 last: the order people look for them in. */
export function orderAddresses(values: string[]): string[] {
  const rank = (value: string) =>
    !value.includes(':') || /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(value) ? 0 : value.toLowerCase().startsWith('fe80') ? 2 : 1;
  return [...values].sort((a, b) => rank(a) - rank(b));
}
