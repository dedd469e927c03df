import type { Command } from 'commander';
import type { CommandTargetResult } from '@pons/protocol';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import type { ApiClient } from '../http/client.js';
import { responses } from '../http/responses.js';
import { duration, maxLength, oneOf, positiveInteger } from '../options.js';
import { when } from '../output/format.js';
import { clean, renderTable } from '../output/table.js';

const actionPath = (ref: string) => `/api/v1/machines/${encodeURIComponent(ref)}/commands`;

/** Runs one command on one machine and waits for its outcome; a failure becomes the CLI's error. */
async function act(
  client: ApiClient,
  ref: string,
  name: string,
  args: Record<string, unknown>,
  waitMs = 30_000,
): Promise<CommandTargetResult> {
  const result = await client.call('POST', actionPath(ref), responses.commandResult, { name, args, waitMs });
  if (result.status === 'succeeded') return result;
  if (result.status === 'queued' || result.status === 'sent') {
    throw new CliError(
      `${result.hostname} has not answered yet (${result.status})`,
      ExitCode.generic,
      `see "pons machines history ${ref}"`,
    );
  }
  throw new CliError(`${result.hostname}: ${result.error?.message ?? result.status}`, ExitCode.generic);
}

/** Medulla's quick actions: restart, shut down, run a command, reconfigure the agent, and their history. */
export function registerQuickActions(machines: Command, ctx: Context): void {
  for (const kind of ['reboot', 'shutdown'] as const) {
    machines
      .command(kind)
      .description(
        kind === 'reboot' ? 'restart a machine, after a delay, telling its user' : 'shut a machine down, after a delay, telling its user',
      )
      .argument('<machine>', 'hostname or id')
      .option('--delay <duration>', 'wait this long first, such as 15s or 5m (default 15s)', duration(0, 86_400_000), 15_000)
      .option('--message <text>', 'what the user is told', maxLength(500))
      .action(async (ref: string, options: { delay: number; message?: string }, command: Command) => {
        const { client } = ctx.session(command);
        const args = { delayS: Math.round(options.delay / 1000), ...(options.message ? { message: options.message } : {}) };
        const result = await act(client, ref, `machine.${kind}`, args);
        ctx.out(`${result.hostname} will ${kind === 'reboot' ? 'restart' : 'shut down'} in ${args.delayS} s.`);
      });
  }

  machines
    .command('run')
    .description('run a command on a machine and print its output (exit code 1 when it fails)')
    .argument('<machine>', 'hostname or id')
    .argument('<command...>', 'the command line (put it after --)')
    .option(
      '--shell <shell>',
      'sh, bash, powershell, cmd or exec (default sh)',
      oneOf(['sh', 'bash', 'powershell', 'cmd', 'exec'] as const),
      'sh',
    )
    .option('--timeout <seconds>', 'kill it after this many seconds (default 60, at most 3600)', positiveInteger(3600), 60)
    .action(async (ref: string, words: string[], options: { shell: string; timeout: number }, command: Command) => {
      const { client } = ctx.session(command);
      const result = await act(
        client,
        ref,
        'shell.run',
        { shell: options.shell, command: words.join(' '), timeoutS: options.timeout },
        Math.min(300_000, options.timeout * 1000 + 10_000),
      );
      const output = result.output as { exitCode: number | null; timedOut: boolean; lines: string[]; truncated: number };
      if (output.truncated > 0) ctx.note(`(${output.truncated} earlier lines not kept)`);
      for (const line of output.lines) ctx.out(clean(line));
      if (output.timedOut) throw new CliError(`the command ran longer than ${options.timeout} s and was stopped`, ExitCode.generic);
      if (output.exitCode !== 0) throw new CliError(`the command ended with exit code ${output.exitCode ?? '?'}`, ExitCode.generic);
    });

  machines
    .command('reconfigure')
    .description("change a machine's agent: its servers (it reconnects to them) or its log level")
    .argument('<machine>', 'hostname or id')
    .option('--servers <urls>', 'https URLs, comma-separated')
    .option('--log-level <level>', 'debug, info, warn or error', oneOf(['debug', 'info', 'warn', 'error'] as const))
    .action(async (ref: string, options: { servers?: string; logLevel?: string }, command: Command) => {
      if (!options.servers && !options.logLevel) throw new CliError('nothing to change', ExitCode.usage, 'give --servers or --log-level');
      const { client } = ctx.session(command);
      const args = {
        ...(options.servers
          ? {
              servers: options.servers
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      };
      const result = await act(client, ref, 'agent.reconfigure', args);
      ctx.out(`${result.hostname} reconfigured: ${JSON.stringify(result.output)}`);
    });

  machines
    .command('history')
    .description("a machine's latest commands and quick actions: who, when, how they ended")
    .argument('<machine>', 'hostname or id')
    .option('--limit <n>', 'at most this many (default 20)', positiveInteger(500), 20)
    .option('--json', 'print the JSON the API returns, outputs included')
    .action(async (ref: string, options: { limit: number; json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const history = await client.call('GET', `${actionPath(ref)}?limit=${options.limit}`, responses.machineCommands);
      if (options.json) return ctx.json(history);
      ctx.out(
        renderTable(
          [{ header: 'WHEN' }, { header: 'COMMAND' }, { header: 'BY' }, { header: 'STATUS' }, { header: 'DETAIL' }],
          history.items.map((c) => [
            when(c.createdAt, ctx.now()),
            c.name,
            c.createdBy,
            c.status,
            c.error?.message ?? (c.output === null ? '' : JSON.stringify(c.output).slice(0, 80)),
          ]),
        ),
      );
    });
}
