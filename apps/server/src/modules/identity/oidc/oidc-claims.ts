/** Which claims give a user's uid, names and mail. */
export type OidcClaimMapping = { uid: string; givenName: string; sn: string; mail: string };
export type MappedClaims = { uid: string | null; givenName: string | null; sn: string | null; mail: string | null };

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** The values of a claim that may be a string or an array of strings (e.g. `groups`); empty values are dropped. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  return (Array.isArray(value) ? value.map(scalar) : [scalar(value)]).filter((v): v is string => v !== null);
}

export function mapClaims(claims: Record<string, unknown>, mapping: OidcClaimMapping): MappedClaims {
  const first = (name: string) => claimValues(claims, name)[0] ?? null;
  return { uid: first(mapping.uid), givenName: first(mapping.givenName), sn: first(mapping.sn), mail: first(mapping.mail) };
}
