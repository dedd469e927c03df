import type { Command } from 'commander';
import type { Context } from '../context.js';
import { responses } from '../http/responses.js';
import { duration, maxLength, positiveInteger } from '../options.js';
import { plural } from '../output/format.js';
import { clean } from '../output/table.js';
import { createdTokenView, tokenTable } from '../views/tokens-view.js';

interface CreateOptions {
  entity?: string;
  expires: number;
  maxUses: number;
  label?: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  pons enroll-token create --entity paris --expires 1d --max-uses 50 --label "Paris laptops"
  TOKEN=$(pons enroll-token create --json | jq -r .token)
  pons enroll-token list
  pons enroll-token revoke 7c1e…`;

/** Bounds the server accepts, checked here first for a clearer message. */
const MIN_EXPIRY_MS = 60_000;
const MAX_EXPIRY_MS = 366 * 86_400_000;

export function registerEnrollToken(program: Command, ctx: Context): void {
  const tokens = program
    .command('enroll-token')
    .description('create, list and revoke the tokens agents enrol with')
    .addHelpText('after', EXAMPLES);

  tokens
    .command('create')
    .description('create a token; it is shown once, with the agent command line that uses it')
    .option('--entity <entity>', 'entity (id or name) the new machines join (default: root)', maxLength(128))
    .option('--expires <duration>', 'validity, such as 1h, 7d or 30d (1m to 366d)', duration(MIN_EXPIRY_MS, MAX_EXPIRY_MS), 7 * 86_400_000)
    .option('--max-uses <n>', 'how many machines may enrol with it (1 to 1000000)', positiveInteger(1_000_000), 1)
    .option('--label <text>', 'a note to recognise it in the list', maxLength(200))
    .option('--json', 'print the JSON the API returns, token included')
    .action(async (options: CreateOptions, command: Command) => {
      const { client } = ctx.session(command);
      const body = {
        ...(options.entity ? { entity: options.entity } : {}),
        expiresInMs: options.expires,
        maxUses: options.maxUses,
        ...(options.label !== undefined ? { label: options.label } : {}),
      };
      const created = await client.call('POST', '/api/v1/enrollment-tokens', responses.createdToken, body);
      if (options.json) return ctx.json(created);
      ctx.out(createdTokenView(created, ctx.now()));
    });

  tokens
    .command('list')
    .description('list enrollment tokens (the secrets themselves are never shown again)')
    .option('--json', 'print the JSON the API returns: {items}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const list = await client.call('GET', '/api/v1/enrollment-tokens', responses.tokenList);
      if (options.json) return ctx.json(list);
      if (list.items.length > 0) ctx.out(tokenTable(list.items, ctx.now()));
      const active = list.items.filter((t) => t.state === 'active').length;
      ctx.out(`${plural(list.items.length, 'token')} (${active} active)`);
    });

  tokens
    .command('revoke')
    .description('revoke a token: no machine can enrol with it any more (enrolled machines stay)')
    .argument('<id>', 'token id, as "pons enroll-token list" shows it')
    .option('--json', 'print the JSON the API returns')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const token = await client.call('DELETE', `/api/v1/enrollment-tokens/${encodeURIComponent(id)}`, responses.token);
      if (options.json) return ctx.json(token);
      ctx.out(
        `Revoked enrollment token ${token.id}${token.label ? ` (${clean(token.label)})` : ''}; it had been used ${token.uses} of ${token.maxUses} times.`,
      );
    });
}
