import type { Command } from 'commander';
import type { RoleAssignment } from '@pons/protocol';
import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { responses } from '../http/responses.js';
import { confirm, readStdinLines } from '../io/prompt.js';
import { maxLength, repeatable, roleAssignment } from '../options.js';
import { plural } from '../output/format.js';
import { clean } from '../output/table.js';
import { rolesText, userTable } from '../views/users-view.js';

interface CreateOptions {
  role: RoleAssignment[];
  passwordStdin?: boolean;
  givenName?: string;
  surname?: string;
  mail?: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  pons users create alice --role Paris=Technician --role Lyon=Admin
  printf '%s\\n' "$INITIAL_PASSWORD" | pons users create bob --role Root=Admin --password-stdin
  pons users list
  pons users disable alice
  pons users delete alice --yes

A role is ENTITY=PROFILE, each by name or id: the profile applies to the entity and its
sub-entities. A new user must choose their own password when they first log in.`;

const userPath = (ref: string) => `/api/v1/users/${encodeURIComponent(ref)}`;

async function initialPassword(ctx: Context, username: string, stdin: boolean): Promise<string> {
  if (stdin) return (await readStdinLines(ctx.io.stdin, 1, 'the initial password'))[0] ?? '';
  const first = await ctx.askSecret(`Initial password for ${username}: `);
  const second = await ctx.askSecret('Repeat it: ');
  if (first !== second) throw usageError('the two passwords differ; no user was created');
  return first;
}

/** Local users and the profile each holds per entity. */
export function registerUsers(program: Command, ctx: Context): void {
  const users = program.command('users').alias('user').description('create, list, disable and delete users').addHelpText('after', EXAMPLES);

  users
    .command('list')
    .description('list the users you administer, with their roles')
    .option('--json', 'print the JSON the API returns: {items}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      const list = await client.call('GET', '/api/v1/users', responses.userList);
      if (options.json) return ctx.json(list);
      if (list.items.length > 0) ctx.out(userTable(list.items, ctx.now()));
      ctx.out(`${plural(list.items.length, 'user')} (${list.items.filter((u) => u.disabled).length} disabled)`);
    });

  users
    .command('create')
    .description('create a local user; the initial password is asked for, or read from stdin')
    .argument('<username>', 'login name: letters, digits and . _ @ -')
    .requiredOption('--role <entity=profile>', 'a profile on an entity, such as Paris=Technician (repeatable)', repeatable(roleAssignment))
    .option('--password-stdin', 'read the initial password from the first line of stdin')
    .option('--given-name <text>', 'first name', maxLength(128))
    .option('--surname <text>', 'last name', maxLength(128))
    .option('--mail <address>', 'e-mail address', maxLength(254))
    .option('--json', 'print the JSON the API returns')
    .action(async (username: string, options: CreateOptions, command: Command) => {
      const { client } = ctx.session(command);
      const password = await initialPassword(ctx, username, options.passwordStdin === true);
      const body = {
        username,
        password,
        roles: options.role,
        ...(options.givenName !== undefined ? { givenName: options.givenName } : {}),
        ...(options.surname !== undefined ? { sn: options.surname } : {}),
        ...(options.mail !== undefined ? { mail: options.mail } : {}),
      };
      const user = await client.call('POST', '/api/v1/users', responses.user, body);
      if (options.json) return ctx.json(user);
      ctx.out(`Created user ${clean(user.username)} (${user.id}): ${clean(rolesText(user))}.`);
      ctx.out('They must choose a new password when they first log in.');
    });

  for (const verb of ['disable', 'enable'] as const) {
    users
      .command(verb)
      .description(verb === 'disable' ? 'stop a user from logging in and end their sessions' : 'let a disabled user log in again')
      .argument('<user>', 'user name or id')
      .option('--json', 'print the JSON the API returns')
      .action(async (ref: string, options: { json?: boolean }, command: Command) => {
        const { client } = ctx.session(command);
        const user = await client.call('PATCH', userPath(ref), responses.user, { disabled: verb === 'disable' });
        if (options.json) return ctx.json(user);
        ctx.out(
          verb === 'disable'
            ? `Disabled user ${clean(user.username)}: they cannot log in, and their sessions were ended.`
            : `Enabled user ${clean(user.username)}: they can log in again.`,
        );
      });
  }

  users
    .command('delete')
    .description('delete a user (asks first, on a terminal)')
    .argument('<user>', 'user name or id')
    .option('--yes', 'do not ask for confirmation')
    .action(async (ref: string, options: { yes?: boolean }, command: Command) => {
      const { client } = ctx.session(command);
      if (!options.yes) {
        if (!ctx.interactive) throw usageError(`refusing to delete ${ref} without --yes: there is no terminal to confirm it`);
        if (!(await confirm(ctx.io, `Delete user ${clean(ref)}? [y/N] `)))
          throw new CliError(`${clean(ref)} was not deleted`, ExitCode.generic);
      }
      await client.call('DELETE', userPath(ref), responses.done);
      ctx.out(`Deleted user ${clean(ref)}.`);
    });
}
