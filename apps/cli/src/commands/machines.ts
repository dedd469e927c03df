import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { responses } from '../http/responses.js';
import { duration, maxLength, nonNegativeInteger, oneOf, positiveInteger } from '../options.js';
import { plural } from '../output/format.js';
import { clean } from '../output/table.js';
import { inventoryView, softwareTable } from '../views/inventory-view.js';
import { machineDetailView, machineSummary, machineTable } from '../views/machines-view.js';
import { registerQuickActions } from './quick-actions.js';

interface ListOptions {
  status?: 'online' | 'offline';
  search?: string;
  entity?: string;
  limit?: number;
  offset?: number;
  json?: boolean;
}

const machinePath = (ref: string, rest = '') => `/api/v1/machines/${encodeURIComponent(ref)}${rest}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const EXAMPLES = `
Examples:
  pons machines list --status offline
  pons machines list --search 10.0.12. --json | jq -r '.items[].hostname'
  pons machines show web-01
  pons machines inventory web-01 --software
  pons machines refresh-inventory web-01 --wait
  pons machines move web-01 web-02 --entity Paris`;

export function registerMachines(program: Command, ctx: Context): void {
  const machines = program.command('machines').description('list machines and read their inventory').addHelpText('after', EXAMPLES);

  machines
    .command('list')
    .description('list machines with their live status')
    .option('--status <status>', 'only online or offline machines', oneOf(['online', 'offline'] as const))
    .option('--search <text>', 'part of a hostname, IP or MAC address', maxLength(256))
    .option('--entity <entity>', 'only machines of this entity (id or name) and its sub-entities', maxLength(128))
    .option('--limit <n>', 'at most this many machines (1 to 1000, default 200)', positiveInteger(1000))
    .option('--offset <n>', 'skip this many machines first', nonNegativeInteger)
    .option('--json', 'print the JSON the API returns: {items, total, counts}')
    .action(async (options: ListOptions, command: Command) => {
      const { client } = ctx.session(command);
      const query = new URLSearchParams();
      if (options.status) query.set('status', options.status);
      if (options.search) query.set('q', options.search);
      if (options.entity) query.set('entity', options.entity);
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      if (options.offset !== undefined) query.set('offset', String(options.offset));
      const search = query.toString() === '' ? '' : `?${query.toString()}`;
      const list = await client.call('GET', `/api/v1/machines${search}`, responses.machineList);
      if (options.json) return ctx.json(list);
      if (list.items.length > 0) ctx.out(machineTable(list.items, ctx.now()));
      ctx.out(machineSummary(list, options.offset ?? 0));
    });

  machines
    .command('show')
    .description('show one machine')
    .argument('<machine>', 'machine id or hostname')
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const machine = await client.call('GET', machinePath(ref), responses.machine);
      if (options.json) return ctx.json(machine);
      ctx.out(machineDetailView(machine, ctx.now()));
    });

  machines
    .command('inventory')
    .description("show a machine's latest inventory")
    .argument('<machine>', 'machine id or hostname')
    .option('--software', 'list the installed software instead of the summary')
    .option('--json', 'print the JSON the API returns (the whole inventory document)')
    .action(async (ref: string, options: { json?: boolean; software?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const inventory = await client.call('GET', machinePath(ref, '/inventory'), responses.inventory);
      if (options.json) return ctx.json(inventory);
      if (!options.software) return ctx.out(inventoryView(inventory, ctx.now()));
      const software = inventory.document.software;
      if (software === undefined) return ctx.out('The agent did not collect the installed software.');
      if (software.length > 0) ctx.out(softwareTable(software));
      ctx.out(plural(software.length, 'package'));
    });

  machines
    .command('refresh-inventory')
    .description('ask an online machine to send a fresh inventory now')
    .argument('<machine>', 'machine id or hostname')
    .option('--wait', 'wait until the new inventory has arrived')
    .option('--timeout <duration>', 'how long --wait waits (default 2m)', duration(1000, 3_600_000), 120_000)
    .action(async (ref: string, options: { wait?: boolean; timeout: number }, command: Command) => {
      const { client } = ctx.session(command);
      const before = await client.call('GET', machinePath(ref), responses.machine);
      await client.call('POST', machinePath(before.id, '/inventory/refresh'), responses.inventoryRefresh);
      const name = clean(before.hostname);
      if (!options.wait) return ctx.out(`Asked ${name} for a fresh inventory; see it soon with "pons machines inventory ${before.id}".`);
      const deadline = Date.now() + options.timeout;
      while (Date.now() < deadline) {
        await sleep(1000);
        const now = await client.call('GET', machinePath(before.id), responses.machine);
        if (now.inventoryAt !== null && now.inventoryAt !== before.inventoryAt) return ctx.out(`${name} sent a fresh inventory.`);
      }
      throw new CliError(
        `${name} sent no new inventory within ${options.timeout / 1000} s`,
        ExitCode.generic,
        'check that its agent is running and connected',
      );
    });

  machines
    .command('move')
    .description('move machines to another entity')
    .argument('<machines...>', 'hostnames or ids')
    .requiredOption('--entity <entity>', 'the entity (id or name) they go to', maxLength(128))
    .action(async (refs: string[], options: { entity: string }, command: Command) => {
      const { client } = ctx.session(command);
      const { moved } = await client.call('POST', '/api/v1/machines/move', responses.moved, { machines: refs, entity: options.entity });
      ctx.out(`Moved ${plural(moved, 'machine')} to ${clean(options.entity)}.`);
    });
  registerQuickActions(machines, ctx);
}
