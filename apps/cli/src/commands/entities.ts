import type { Command } from 'commander';
import type { Context } from '../context.js';
import { responses } from '../http/responses.js';
import { renderTable } from '../output/table.js';

export function registerEntities(program: Command, ctx: Context): void {
  const entities = program.command('entities').description('the entities (groups of machines) you can see');

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
}
