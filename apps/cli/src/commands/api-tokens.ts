import type { Command } from 'commander';
import type { AccessLevel, ApiTokenNarrowing, Feature } from '@pons/protocol';
import type { Context } from '../context.js';
import type { ApiClient } from '../http/client.js';
import { responses } from '../http/responses.js';
import { duration, featureLevel, maxLength, permissionsOf, repeatable } from '../options.js';
import { plural } from '../output/format.js';
import { clean } from '../output/table.js';
import { apiTokenTable, createdApiTokenView } from '../views/api-tokens-view.js';

interface CreateOptions {
  expires?: number;
  permission?: Array<[Feature, AccessLevel]>;
  entity?: string[];
  json?: boolean;
}

const EXAMPLES = `
Examples:
  pons tokens create nightly-report --expires 30d --permission inventory=ro
  pons tokens create paris-sync --permission inventory=rw --permission groups=rw --entity Paris
  pons tokens list
  pons tokens revoke 7c1e…

A token has your rights, or fewer: --permission keeps only the features named (at most the
level given), --entity only those entities and their sub-entities. Scripts log in with it:
  printf '%s\\n' "$PONS_TOKEN" | pons login --token-stdin`;

/** Bounds the server accepts, checked here first for a clearer message. */
const MIN_EXPIRY_MS = 60_000;
const MAX_EXPIRY_MS = 2 * 366 * 86_400_000;

/** Entity names by id, to show what a token is narrowed to; ids stay when the list is not readable. */
async function entityNames(client: ApiClient, narrowings: ReadonlyArray<ApiTokenNarrowing | null>): Promise<Map<string, string>> {
  if (!narrowings.some((n) => n?.entities?.length)) return new Map();
  try {
    return new Map((await client.call('GET', '/api/v1/entities', responses.entityList)).items.map((e) => [e.id, e.name]));
  } catch {
    return new Map();
  }
}

/** API tokens: a user's rights, possibly narrowed, for scripts and automation. */
export function registerApiTokens(program: Command, ctx: Context): void {
  const tokens = program
    .command('tokens')
    .alias('token')
    .description('create, list and revoke your API tokens, for scripts')
    .addHelpText('after', EXAMPLES);

  tokens
    .command('create')
    .description('create an API token; it is shown once')
    .argument('<name>', 'what the token is for, to recognise it in the list')
    .option('--expires <duration>', 'validity, such as 7d or 30d (1m to 732d, default 90d)', duration(MIN_EXPIRY_MS, MAX_EXPIRY_MS))
    .option('--permission <feature=level>', 'keep only this feature, ro or rw (repeatable)', repeatable(featureLevel))
    .option('--entity <entity>', 'keep only this entity (id or name) and its sub-entities (repeatable)', repeatable(maxLength(128)))
    .option('--json', 'print the JSON the API returns, token included')
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const narrowing: ApiTokenNarrowing = {
        ...(options.permission ? { permissions: permissionsOf(options.permission) } : {}),
        ...(options.entity ? { entities: options.entity } : {}),
      };
      const { client, credentials } = ctx.session(command);
      const body = {
        name,
        ...(options.expires !== undefined ? { expiresInMs: options.expires } : {}),
        ...(Object.keys(narrowing).length > 0 ? { narrowing } : {}),
      };
      const created = await client.call('POST', '/api/v1/api-tokens', responses.createdApiToken, body);
      if (options.json) return ctx.json(created);
      const server = { url: client.server, caFingerprint: credentials.caFingerprint };
      ctx.out(createdApiTokenView(created, ctx.now(), server, await entityNames(client, [created.narrowing])));
    });

  tokens
    .command('list')
    .description('list your API tokens (the secrets themselves are never shown again)')
    .option('--json', 'print the JSON the API returns: {items}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const list = await client.call('GET', '/api/v1/api-tokens', responses.apiTokenList);
      if (options.json) return ctx.json(list);
      const names = await entityNames(
        client,
        list.items.map((t) => t.narrowing),
      );
      if (list.items.length > 0) ctx.out(apiTokenTable(list.items, ctx.now(), names));
      const active = list.items.filter((t) => t.state === 'active').length;
      ctx.out(`${plural(list.items.length, 'token')} (${active} active)`);
    });

  tokens
    .command('revoke')
    .description('revoke an API token: the scripts using it are refused from now on')
    .argument('<id>', 'token id, as "pons tokens list" shows it')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { client } = ctx.session(command);
      await client.call('DELETE', `/api/v1/api-tokens/${encodeURIComponent(id)}`, responses.done);
      ctx.out(`Revoked API token ${clean(id)}.`);
    });
}
