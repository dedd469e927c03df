import { Option, type Command } from 'commander';
import { isApiToken } from '../config/credentials.js';
import type { Context } from '../context.js';
import { describeError } from '../errors.js';
import { responses } from '../http/responses.js';
import { fingerprint } from '../options.js';
import { when } from '../output/format.js';
import { renderPairs } from '../output/table.js';
import { login } from './login.js';
import { loginWithToken } from './login-token.js';
import { changePassword, PASSWORD_STDIN_HELP } from './password.js';

const LOGIN_EXAMPLES = `
Examples:
  pons login --server https://pons.example.org:8443 --ca-fingerprint sha256:3f9a…
  printf '%s\\n' "$PONS_PASSWORD" | pons login --server https://10.0.0.5:8443 \\
      --ca-fingerprint sha256:3f9a… --username alice --password-stdin
  printf '%s\\n%s\\n' "$PONS_PASSWORD" "$TOTP_CODE" | pons login --username alice --password-stdin
  printf '%s\\n' "$PONS_TOKEN" | pons login --server https://10.0.0.5:8443 \\
      --ca-fingerprint sha256:3f9a… --token-stdin

The CA fingerprint is printed by "pons server" at start. Without --ca-fingerprint, the CLI shows
the fingerprint the server presents and asks whether to trust it (on a terminal only).
The session is saved to $PONS_CLI_CONFIG, or ~/.config/pons/credentials.json (mode 0600).
If the account has a second factor, you are asked for the code of your authenticator app (or a
recovery code); with --password-stdin, give it as the second line.
If the server requires a new password, you are asked for it; with --password-stdin, run
"pons password" next.
With --token-stdin, an API token ("pons tokens create") is kept instead of a session: the other
commands then have its rights, and "pons logout" forgets it without revoking it.`;

export function registerAuth(program: Command, ctx: Context): void {
  program
    .command('login')
    .description('log in to a Pons server and keep the session for the other commands')
    .option('--ca-fingerprint <sha256>', "the server's CA fingerprint, as printed by pons server", fingerprint)
    .option('--username <name>', 'user to log in as (default: the last one, else admin)')
    .option('--password-stdin', 'read the password from the first line of stdin (and the second-factor code from the second)')
    .addOption(
      new Option('--token-stdin', 'log in with an API token read from the first line of stdin').conflicts(['username', 'passwordStdin']),
    )
    .addHelpText('after', LOGIN_EXAMPLES)
    .action(
      async (options: { caFingerprint?: string; username?: string; passwordStdin?: boolean; tokenStdin?: boolean }, command: Command) => {
        const { tokenStdin, ...rest } = options;
        const server = ctx.serverOption(command);
        await (tokenStdin ? loginWithToken(ctx, { ...rest, server }) : login(ctx, { ...rest, server }));
      },
    );

  program
    .command('logout')
    .description('end the session on the server and forget it here')
    .action(async (_options: unknown, command: Command) => {
      let credentials;
      try {
        credentials = ctx.store.load();
      } catch {
        ctx.store.remove();
        return ctx.out(`Removed the unreadable credentials file ${ctx.store.file}.`);
      }
      if (!credentials) return ctx.out('Not logged in.');
      if (isApiToken(credentials.token)) {
        ctx.store.remove();
        return ctx.out(`Forgot the API token for ${credentials.server}; it stays valid until it expires or "pons tokens revoke" ends it.`);
      }
      try {
        await ctx.clientFor(credentials, command).call('POST', '/api/v1/auth/logout', responses.loggedOut);
      } catch (error) {
        // The local session is forgotten anyway: logging out must work with the server gone.
        ctx.note(`pons: warning: the server did not end the session: ${describeError(error).message}`);
      }
      ctx.store.remove();
      ctx.out(`Logged out of ${credentials.server}.`);
    });

  program
    .command('password')
    .description('change your password (prompts, or reads the current and the new one from stdin)')
    .option('--password-stdin', 'read the current password from the first line of stdin and the new one from the second')
    .addHelpText('after', `\nExamples:\n  pons password\n  ${PASSWORD_STDIN_HELP}`)
    .action(async (options: { passwordStdin?: boolean }, command: Command) => {
      const { client, credentials } = ctx.session(command);
      await changePassword(ctx, client, credentials.username, { stdin: options.passwordStdin === true });
    });

  program
    .command('whoami')
    .description('show who you are logged in as, where, and your grants')
    .option('--json', 'print the user as the API returns it')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client, credentials } = ctx.session(command);
      const { user } = await client.call('GET', '/api/v1/auth/me', responses.me);
      // The CSRF token of the answer is a session secret: it is left out on purpose.
      if (options.json) return ctx.json({ user });
      const grants = user.grants.map((g) => `${g.profile} on ${g.entityName}`).join('\n');
      ctx.out(
        renderPairs([
          ['User', `${user.username}${user.superAdmin ? ' (Super-Admin)' : ''}`],
          ['Server', `${client.server} (CA ${credentials.caFingerprint})`],
          [
            isApiToken(credentials.token) ? 'API token ends' : 'Session ends',
            credentials.expiresAt === undefined ? 'unknown' : when(credentials.expiresAt, ctx.now()),
          ],
          ['Grants', grants],
          ...(user.passwordChangeRequired ? [['Password', 'must be changed: run "pons password"'] as const] : []),
        ]),
      );
    });
}
