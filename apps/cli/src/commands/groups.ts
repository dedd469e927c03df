import type { Command } from 'commander';
import type { GroupDetail } from '@pons/protocol';
import type { Context } from '../context.js';
import { responses } from '../http/responses.js';
import { maxLength } from '../options.js';
import { plural, when } from '../output/format.js';
import { renderTable } from '../output/table.js';

const groupPath = (ref: string, rest = '') => `/api/v1/groups/${encodeURIComponent(ref)}${rest}`;
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function groupView(group: GroupDetail): string {
  const head = `${group.name} (${group.id}), entity ${group.entityName}, ${plural(group.members, 'machine')}`;
  if (group.machines.length === 0) return head;
  return `${head}\n${renderTable(
    [{ header: 'MACHINE' }, { header: 'STATUS' }, { header: 'ID' }],
    group.machines.map((m) => [m.hostname, m.status, m.id]),
    '  ',
  )}`;
}

/** Static groups of machines, as deployment targets (`pons deploy create PKG --group NAME`). */
export function registerGroups(program: Command, ctx: Context): void {
  const groups = program.command('groups').alias('group').description('static groups of machines, to deploy to');

  groups
    .command('create')
    .description('create a group, with machines or empty')
    .argument('<name>', 'group name')
    .option('--machines <list>', 'hostnames or ids, comma-separated')
    .option('--entity <entity>', 'entity (id or name) that owns it (default: root)', maxLength(128))
    .option('--json', 'print the JSON the API returns')
    .action(async (name: string, options: { machines?: string; entity?: string; json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const body = {
        name,
        ...(options.machines ? { machines: list(options.machines) } : {}),
        ...(options.entity ? { entity: options.entity } : {}),
      };
      const group = await client.call('POST', '/api/v1/groups', responses.group, body);
      return options.json ? ctx.json(group) : ctx.out(groupView(group));
    });

  groups
    .command('list')
    .description('list groups')
    .option('--json', 'print the JSON the API returns')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const found = await client.call('GET', '/api/v1/groups', responses.groupList);
      if (options.json) return ctx.json(found);
      ctx.out(
        renderTable(
          [{ header: 'NAME' }, { header: 'MACHINES', align: 'right' }, { header: 'ENTITY' }, { header: 'CREATED' }, { header: 'BY' }],
          found.items.map((g) => [g.name, String(g.members), g.entityName, when(g.createdAt, ctx.now()), g.createdBy]),
        ),
      );
    });

  groups
    .command('show')
    .description('show a group and its machines')
    .argument('<group>', 'group name or id')
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const group = await client.call('GET', groupPath(ref), responses.group);
      return options.json ? ctx.json(group) : ctx.out(groupView(group));
    });

  for (const verb of ['add', 'remove'] as const) {
    groups
      .command(verb)
      .description(verb === 'add' ? 'put machines in a group' : 'take machines out of a group')
      .argument('<group>', 'group name or id')
      .argument('<machines...>', 'hostnames or ids')
      .action(async (ref: string, machines: string[], _options: unknown, command: Command) => {
        const { client } = ctx.session(command);
        ctx.out(groupView(await client.call('POST', groupPath(ref, `/${verb}`), responses.group, { machines: machines.flatMap(list) })));
      });
  }

  groups
    .command('delete')
    .description('delete a group (its machines stay)')
    .argument('<group>', 'group name or id')
    .action(async (ref: string, _options: unknown, command: Command) => {
      const { client } = ctx.session(command);
      await client.call('DELETE', groupPath(ref), responses.loggedOut);
      ctx.out(`Deleted group ${ref}.`);
    });
}
