import type { Command } from 'commander';
import type { DeploymentLiveEvent, DeploymentTarget } from '@pons/protocol';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import type { ApiClient } from '../http/client.js';
import { responses } from '../http/responses.js';
import { maxLength, nonNegativeInteger, positiveInteger } from '../options.js';
import { plural } from '../output/format.js';
import { auditText, countsText, deploymentTable, deploymentView, targetTable } from '../views/deployments-view.js';

const depPath = (id: string, rest = '') => `/api/v1/deployments/${encodeURIComponent(id)}${rest}`;

const EXAMPLES = `
Examples:
  pons deploy create "Firefox ESR" --machines web-01,web-02 --watch
  pons deploy create "Firefox ESR" --entity paris --windows 12-14,20-24,0-8 --wol --max-concurrent 50
  pons deploy list
  pons deploy watch 5f0c…          (exit code 0 when every machine succeeded, 1 otherwise)
  pons deploy stop 5f0c… --machines web-02
  pons deploy restart 5f0c…`;

function time(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CliError(`"${text}" is not a date and time such as 2026-12-24T20:00`, ExitCode.usage);
  return ms;
}

function rate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kKmMgG]?)$/.exec(text.trim());
  if (!match) throw new CliError(`"${text}" is not a rate such as 512k or 10M (bytes per second)`, ExitCode.usage);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

interface CreateOptions {
  machines?: string;
  group?: string;
  entity?: string;
  all?: boolean;
  revision?: number;
  title?: string;
  start?: string;
  end?: string;
  windows?: string;
  wol?: boolean;
  maxConcurrent?: number;
  maxRate?: string;
  retries?: number;
  converge?: boolean;
  watch?: boolean;
  json?: boolean;
}

/** How often `watch` reads the whole deployment again, should the stream have missed an end. */
const RECHECK_MS = 5000;

/**
 * Follows a deployment live until every target has ended; true when all succeeded. The stream is
 * opened before the deployment is read, so that no change falls between the two; the events
 * buffered meanwhile are applied after, in order, and the deployment is read again every few
 * seconds in case the stream drops.
 */
async function watch(ctx: Context, client: ApiClient, id: string): Promise<boolean> {
  const stream = await client.open(depPath(id, '/events'), { accept: 'text/event-stream' });
  const targets = new Map<string, DeploymentTarget>();
  const done = () => targets.size > 0 && [...targets.values()].every((t) => t.final);
  const read = async () => {
    const detail = await client.call('GET', depPath(id), responses.deploymentDetail);
    for (const t of detail.targets) if (!targets.get(t.machineId)?.final || t.final) targets.set(t.machineId, t);
    if (done()) stream.destroy();
    return detail;
  };
  const detail = await read();
  ctx.out(`${detail.title}: ${plural(detail.total, 'machine')}, ${countsText(detail.counts)}`);
  const recheck = setInterval(() => void read().catch(() => undefined), RECHECK_MS);
  try {
    stream.setEncoding('utf8');
    let buffer = '';
    for await (const chunk of stream) {
      buffer += chunk as string;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as DeploymentLiveEvent;
        if (event.type === 'deployment.target') targets.set(event.target.machineId, event.target);
        else for (const line of event.lines) ctx.out(auditText(line, targets.get(line.machineId)?.hostname ?? line.machineId));
      }
      if (done()) break;
    }
  } catch (error) {
    // The stream ended because every target had ended (destroyed above); anything else is an error.
    if (!done()) throw error;
  } finally {
    clearInterval(recheck);
    stream.destroy();
  }
  if (!done()) await read();
  const final = [...targets.values()];
  ctx.out(targetTable(final, ctx.now()));
  return final.every((t) => t.state === 'success');
}

export function registerDeploy(program: Command, ctx: Context): void {
  const deploy = program
    .command('deploy')
    .alias('deployments')
    .description('deploy packages to machines and follow them')
    .addHelpText('after', EXAMPLES);

  deploy
    .command('create')
    .description('deploy the latest submitted version of a package (or --revision) to machines')
    .argument('<package>', 'package name or id')
    .option('--machines <list>', 'hostnames or ids, comma-separated')
    .option('--group <group>', 'the machines of a static group (see "pons groups")', maxLength(128))
    .option('--entity <entity>', 'every machine of this entity and its sub-entities', maxLength(128))
    .option('--all', 'every machine you may deploy to')
    .option('--revision <n>', 'a submitted revision other than the latest', positiveInteger())
    .option('--title <text>', 'title shown in lists (default: package and version)', maxLength(300))
    .option('--start <when>', 'start date and time (default: now)')
    .option('--end <when>', 'end date and time (default: a day after the start)')
    .option('--windows <hours>', 'hours of the day it may run, as Medulla writes them: 12-14,20-24,0-8', maxLength(200))
    .option('--wol', 'wake offline machines with Wake-on-LAN first (3 tries, a minute apart)')
    .option('--max-concurrent <n>', 'at most this many machines at once', positiveInteger(100_000))
    .option('--max-rate <rate>', 'download limit per machine in bytes per second: 512k, 10M')
    .option('--retries <n>', 'new attempts after a failure (0 to 10)', nonNegativeInteger)
    .option(
      '--converge',
      'keep it applied (with --group, --entity or --all): machines that join later get it, and the package check runs again',
    )
    .option('--watch', 'follow it live until every machine has finished')
    .option('--json', 'print the JSON the API returns')
    .action(async (ref: string, options: CreateOptions, command: Command) => {
      const chosen = [options.machines, options.group, options.entity, options.all].filter(Boolean).length;
      if (chosen !== 1) throw new CliError('choose the targets one way: --machines, --group, --entity or --all', ExitCode.usage);
      const { client } = ctx.session(command);
      const body = {
        package: ref,
        targets: options.machines
          ? {
              machines: options.machines
                .split(',')
                .map((m) => m.trim())
                .filter(Boolean),
            }
          : options.group
            ? { group: options.group }
            : options.entity
              ? { entity: options.entity }
              : { all: true },
        ...(options.revision ? { revision: options.revision } : {}),
        ...(options.title ? { title: options.title } : {}),
        ...(options.start ? { startAt: time(options.start) } : {}),
        ...(options.end ? { endAt: time(options.end) } : {}),
        ...(options.windows ? { windows: options.windows } : {}),
        ...(options.wol ? { wakeOnLan: true } : {}),
        ...(options.maxConcurrent ? { maxConcurrent: options.maxConcurrent } : {}),
        ...(options.maxRate ? { maxBytesPerSecond: rate(options.maxRate) } : {}),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
        ...(options.converge ? { converge: true } : {}),
      };
      const created = await client.call('POST', '/api/v1/deployments', responses.deployment, body);
      if (options.json && !options.watch) return ctx.json(created);
      ctx.out(`Deployment ${created.id}: ${created.title} to ${plural(created.total, 'machine')}.`);
      if (options.watch && !(await watch(ctx, client, created.id))) throw new CliError('not every machine succeeded', ExitCode.generic);
    });

  deploy
    .command('list')
    .description('list deployments, newest first, with their counts per state')
    .option('--limit <n>', 'at most this many (1 to 1000, default 50)', positiveInteger(1000), 50)
    .option('--json', 'print the JSON the API returns')
    .action(async (options: { limit: number; json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const list = await client.call('GET', `/api/v1/deployments?limit=${options.limit}`, responses.deploymentList);
      if (options.json) return ctx.json(list);
      if (list.items.length > 0) ctx.out(deploymentTable(list.items, ctx.now()));
      ctx.out(plural(list.total, 'deployment'));
    });

  deploy
    .command('show')
    .description('show a deployment and the state of each machine')
    .argument('<id>', 'deployment id')
    .option('--json', 'print the JSON the API returns')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const detail = await client.call('GET', depPath(id), responses.deploymentDetail);
      if (options.json) return ctx.json(detail);
      ctx.out(`${deploymentView(detail, ctx.now())}\n${targetTable(detail.targets, ctx.now())}`);
    });

  deploy
    .command('watch')
    .description('follow a deployment live: state changes and output lines, until every machine has finished')
    .argument('<id>', 'deployment id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { client } = ctx.session(command);
      if (!(await watch(ctx, client, id))) throw new CliError('not every machine succeeded', ExitCode.generic);
    });

  for (const [verb, description] of [
    ['stop', 'stop the deployment (or some machines): running steps are killed, the rest never start'],
    ['restart', 'a new attempt on the machines that did not succeed (or those given); the history stays'],
  ] as const) {
    deploy
      .command(verb)
      .description(description)
      .argument('<id>', 'deployment id')
      .option('--machines <list>', 'only these machines (hostnames or ids, comma-separated)')
      .option('--json', 'print the JSON the API returns')
      .action(async (id: string, options: { machines?: string; json?: boolean }, command: Command) => {
        const { client } = ctx.session(command);
        const body = options.machines
          ? {
              machines: options.machines
                .split(',')
                .map((m) => m.trim())
                .filter(Boolean),
            }
          : {};
        const summary = await client.call('POST', depPath(id, `/${verb}`), responses.deployment, body);
        if (options.json) return ctx.json(summary);
        ctx.out(`${summary.title}: ${summary.status}; ${countsText(summary.counts)}.`);
      });
  }
}
