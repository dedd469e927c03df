import { createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { responses } from '../http/responses.js';
import { duration, maxLength, oneOf, positiveInteger } from '../options.js';
import { bytes, plural } from '../output/format.js';
import { auditTable } from '../views/audit-view.js';

interface Filters {
  action?: string;
  actor?: string;
  outcome?: 'success' | 'failure';
  entity?: string;
  search?: string;
  since?: number;
}

interface PageOptions extends Filters {
  limit?: number;
  before?: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  pons audit --since 24h
  pons audit --action user. --actor admin
  pons audit --outcome failure --action auth. --limit 20
  pons audit export --format csv --since 30d -o audit.csv
  pons audit --action deployment. --json | jq -r '.items[].objectName'

An action is a code such as auth.login, user.create or deployment.create; --action with a
prefix ending with "." (auth., user.) matches every action under it. "pons audit export" takes
the same filters and writes every matching line, not one page.`;

const MAX_SINCE_MS = 10 * 366 * 86_400_000;

/** The filters as the API's query string; --since becomes a start time counted back from now. */
export function auditQuery(filters: Filters, now: number): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.search) query.set('q', filters.search);
  if (filters.action) query.set('action', filters.action);
  if (filters.actor) query.set('actor', filters.actor);
  if (filters.outcome) query.set('outcome', filters.outcome);
  if (filters.entity) query.set('entity', filters.entity);
  if (filters.since !== undefined) query.set('from', String(now - filters.since));
  return query;
}

/** The audit log: every state-changing action, who did it, from where, and how it ended. */
export function registerAudit(program: Command, ctx: Context): void {
  const audit = program
    .command('audit')
    .description('search the audit log: who did what, when, from where, and how it ended')
    .option('--action <action>', 'one action, or every action under a prefix ending with "." (user.)', maxLength(100))
    .option('--actor <user>', 'only what this user did', maxLength(128))
    .option('--outcome <outcome>', 'success or failure', oneOf(['success', 'failure'] as const))
    .option('--entity <entity>', 'only what concerns this entity (id or name)', maxLength(128))
    .option('--search <text>', 'text in the actor, the object or the action', maxLength(200))
    .option('--since <duration>', 'only the last hours or days, such as 1h, 24h or 7d', duration(1000, MAX_SINCE_MS))
    .option('--limit <n>', 'at most this many lines, newest first (1 to 500, default 100)', positiveInteger(500))
    .option('--before <cursor>', 'the lines older than a previous page (its cursor is printed below it)', maxLength(64))
    .option('--json', 'print the JSON the API returns: {items, next}')
    .addHelpText('after', EXAMPLES)
    .action(async (options: PageOptions, command: Command) => {
      const { client } = ctx.session(command);
      const query = auditQuery(options, ctx.now());
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      if (options.before) query.set('before', options.before);
      const page = await client.call('GET', `/api/v1/audit?${query.toString()}`, responses.auditPage);
      if (options.json) return ctx.json(page);
      if (page.items.length > 0) ctx.out(auditTable(page.items));
      const count = plural(page.items.length, 'line');
      ctx.out(page.next === null ? count : `${count}, newest first; for older ones add --before ${page.next}`);
    });

  audit
    .command('export')
    .description('write every matching line as a CSV or JSON file, to stdout or to a file')
    .requiredOption('--format <format>', 'csv or json', oneOf(['csv', 'json'] as const))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (options: { format: 'csv' | 'json'; output?: string }, command: Command) => {
      const filters = command.optsWithGlobals<PageOptions>();
      if (filters.limit !== undefined || filters.before !== undefined || filters.json)
        throw usageError('--limit, --before and --json are for "pons audit": an export holds every matching line in its --format');
      const { client } = ctx.session(command);
      const query = auditQuery(filters, ctx.now());
      query.set('format', options.format);
      const res = await client.open(`/api/v1/audit/export?${query.toString()}`, { accept: '*/*' });
      if (!options.output) return pipeline(res, ctx.io.stdout, { end: false });
      await pipeline(res, createWriteStream(options.output));
      ctx.out(`Wrote ${options.output} (${bytes(statSync(options.output).size)}).`);
    });
}
