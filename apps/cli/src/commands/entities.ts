import type { Command } from 'commander';
import type { EntityDetail } from '@pons/protocol';
import type { Context } from '../context.js';
import { responses } from '../http/responses.js';
import { maxLength } from '../options.js';
import { clean, renderTable } from '../output/table.js';

const EXAMPLES = `
Examples:
  pons entities list
  pons entities create Paris
  pons entities create "Paris lab" --parent Paris
  pons entities rename "Paris lab" "Paris R&D"
  pons entities delete "Paris R&D"
  pons machines move web-01 web-02 --entity Paris`;

const entityPath = (ref: string) => `/api/v1/entities/${encodeURIComponent(ref)}`;
const named = (e: EntityDetail) => `${clean(e.name)} (${e.id})`;

export function registerEntities(program: Command, ctx: Context): void {
  const entities = program
    .command('entities')
    .alias('entity')
    .description('the entities (groups of machines): list, create, rename, delete')
    .addHelpText('after', EXAMPLES);

  entities
    .command('list')
    .description('list entities, to use with --entity')
    .option('--json', 'print the JSON the API returns: {items}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const list = await client.call('GET', '/api/v1/entities', responses.entityList);
      if (options.json) return ctx.json(list);
      const names = new Map(list.items.map((e) => [e.id, e.name]));
      const parent = (id: string | null) => (id === null ? '' : (names.get(id) ?? id));
      ctx.out(
        renderTable(
          [{ header: 'ID' }, { header: 'NAME' }, { header: 'PARENT' }],
          list.items.map((e) => [e.id, e.name, parent(e.parentId)]),
        ),
      );
    });

  entities
    .command('create')
    .description('create an entity, under the root or under another one')
    .argument('<name>', 'entity name')
    .option('--parent <entity>', 'parent entity (id or name) (default: root)', maxLength(128))
    .option('--json', 'print the JSON the API returns')
    .action(async (name: string, options: { parent?: string; json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const body = { name, ...(options.parent ? { parent: options.parent } : {}) };
      const created = await client.call('POST', '/api/v1/entities', responses.entityDetail, body);
      if (options.json) return ctx.json(created);
      ctx.out(`Created entity ${named(created)}${options.parent ? ` under ${clean(options.parent)}` : ''}.`);
    });

  entities
    .command('rename')
    .description('rename an entity (its machines, users and sub-entities follow)')
    .argument('<entity>', 'entity id or name')
    .argument('<new-name>', 'its new name')
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, name: string, options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const renamed = await client.call('PATCH', entityPath(ref), responses.entityDetail, { name });
      if (options.json) return ctx.json(renamed);
      ctx.out(`Renamed entity ${clean(ref)} to ${named(renamed)}.`);
    });

  entities
    .command('delete')
    .description('delete an empty entity (no machines, no sub-entities)')
    .argument('<entity>', 'entity id or name')
    .action(async (ref: string, _options: unknown, command: Command) => {
      const { client } = ctx.session(command);
      await client.call('DELETE', entityPath(ref), responses.done);
      ctx.out(`Deleted entity ${clean(ref)}.`);
    });
}
