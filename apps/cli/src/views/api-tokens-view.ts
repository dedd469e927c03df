import type { ApiToken, ApiTokenNarrowing, CreatedApiToken } from '@pons/protocol';
import { relative, when } from '../output/format.js';
import { renderPairs, renderTable } from '../output/table.js';

/** `inventory=ro; in Paris, Lyon`, or `all of your rights`. Entities are named when their name is known. */
export function narrowingText(narrowing: ApiTokenNarrowing | null, entityNames: ReadonlyMap<string, string> = new Map()): string {
  const permissions = Object.entries(narrowing?.permissions ?? {}).map(([feature, level]) => `${feature}=${String(level)}`);
  const entities = (narrowing?.entities ?? []).map((id) => entityNames.get(id) ?? id);
  const parts = [
    ...(permissions.length > 0 ? [permissions.join(', ')] : []),
    ...(entities.length > 0 ? [`in ${entities.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'all of your rights';
}

export function createdApiTokenView(
  token: CreatedApiToken,
  now: number,
  server: { url: string; caFingerprint: string },
  entityNames: ReadonlyMap<string, string>,
): string {
  const pairs = renderPairs(
    [
      ['Token', token.token],
      ['ID', token.id],
      ['Name', token.name],
      ['Rights', narrowingText(token.narrowing, entityNames)],
      ['Expires', when(token.expiresAt, now)],
    ],
    '  ',
  );
  const login = `printf '%s\\n' "$PONS_TOKEN" | pons login --server ${server.url} --ca-fingerprint ${server.caFingerprint} --token-stdin`;
  return (
    `API token created. Copy it now: it will not be shown again (the server keeps a hash, never the token).\n\n${pairs}\n` +
    `A script logs in with it (the token on stdin, never on the command line):\n\n  ${login}\n`
  );
}

export function apiTokenTable(tokens: readonly ApiToken[], now: number, entityNames: ReadonlyMap<string, string>): string {
  return renderTable(
    [
      { header: 'ID' },
      { header: 'NAME' },
      { header: 'PREFIX' },
      { header: 'STATE' },
      { header: 'RIGHTS' },
      { header: 'EXPIRES' },
      { header: 'LAST USED' },
      { header: 'CREATED' },
    ],
    tokens.map((t) => [
      t.id,
      t.name,
      `${t.prefix}…`,
      t.state,
      narrowingText(t.narrowing, entityNames),
      relative(t.expiresAt, now),
      t.lastUsedAt === null ? 'never' : relative(t.lastUsedAt, now),
      relative(t.createdAt, now),
    ]),
  );
}
