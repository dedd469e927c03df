import type { Credentials } from '../config/credentials.js';
import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { ApiClient } from '../http/client.js';
import { fetchPinnedCa, probeServerChain } from '../http/pinned-ca.js';
import { responses } from '../http/responses.js';
import { hostOf } from '../http/server-url.js';
import { confirm, readStdinLines } from '../io/prompt.js';
import { changePassword, PASSWORD_STDIN_HELP } from './password.js';

export interface LoginOptions {
  server: string | undefined;
  caFingerprint?: string;
  username?: string;
  passwordStdin?: boolean;
}

interface TrustedCa {
  caPem: string;
  caFingerprint: string;
}

/** No pin given and none saved for this server: show what it presents and ask, like ssh does. */
async function trustOnFirstUse(ctx: Context, server: string): Promise<TrustedCa> {
  const host = hostOf(server);
  const { presentedCa, check } = await probeServerChain(server, undefined);
  if (!check.ok) throw new CliError(`refusing ${host}: ${check.reason}`, ExitCode.unreachable);
  ctx.note(
    `The server at ${host} presents a certificate issued by the CA\n  ${presentedCa}\nCompare it with the "CA fingerprint" line that "pons server" printed at start.`,
  );
  const hint = `pass --ca-fingerprint ${presentedCa} if it is the fingerprint "pons server" printed`;
  if (!ctx.interactive)
    throw new CliError(
      `refusing to trust ${host} without --ca-fingerprint: there is no terminal to confirm it`,
      ExitCode.unreachable,
      hint,
    );
  if (!(await confirm(ctx.io, 'Trust this server? [y/N] ')))
    throw new CliError(`${host} was not trusted; nothing was saved`, ExitCode.unreachable);
  return { caPem: check.caPem, caFingerprint: presentedCa };
}

function previousLogin(ctx: Context): Credentials | undefined {
  try {
    return ctx.store.load();
  } catch {
    return undefined; // an unreadable file is what this login replaces
  }
}

/** Ends the session this login replaces, so that an old copy of the file is worth nothing. */
async function endSession(server: string, trusted: TrustedCa, token: string): Promise<void> {
  try {
    await new ApiClient({ server, ...trusted, token }).call('POST', '/api/v1/auth/logout', responses.loggedOut);
  } catch {
    // Already expired or ended: nothing to do.
  }
}

/**
 * `pons login`: proves the server's CA (pinned, or confirmed on first use), logs in and keeps
 * the session. A bootstrap account must change its password: on a terminal we ask for the new
 * one at once; in a script the session is kept and the user is told to run `pons password`.
 */
export async function login(ctx: Context, options: LoginOptions): Promise<void> {
  const previous = previousLogin(ctx);
  const server = options.server ?? previous?.server;
  if (!server) throw usageError('no server to log in to', 'pass --server https://HOST:8443 (or set PONS_SERVER)');
  // Logging in again to the same server reuses the CA pinned the first time, as ssh's known_hosts.
  const pin = options.caFingerprint ?? (previous?.server === server ? previous.caFingerprint : undefined);
  const trusted = pin ? { caPem: await fetchPinnedCa(server, pin), caFingerprint: pin } : await trustOnFirstUse(ctx, server);
  const username = options.username ?? previous?.username ?? 'admin';
  const [password = ''] = options.passwordStdin
    ? await readStdinLines(ctx.io.stdin, 1, 'the password')
    : [await ctx.askSecret(`Password for ${username} on ${hostOf(server)}: `)];

  const anonymous = new ApiClient({ server, ...trusted });
  const result = await anonymous.call('POST', '/api/v1/auth/login', responses.login, { username, password, client: 'cli' });
  if (!result.token)
    throw new CliError('the server returned no session token for a CLI login', ExitCode.generic, 'is the server older than this CLI?');
  ctx.store.save({ server, ...trusted, token: result.token, username: result.user.username, expiresAt: result.expiresAt });
  ctx.out(`Logged in to ${server} as ${result.user.username}.`);
  if (previous?.server === server && previous.caFingerprint === trusted.caFingerprint) await endSession(server, trusted, previous.token);
  if (!result.user.passwordChangeRequired) return;

  if (!options.passwordStdin && ctx.interactive) {
    ctx.note(`The server requires ${result.user.username} to choose a new password now.`);
    const client = new ApiClient({ server, ...trusted, token: result.token });
    await changePassword(ctx, client, result.user.username, { current: password });
    return;
  }
  ctx.note(
    `pons: ${result.user.username} must choose a new password before anything else.\n` +
      `hint: run "pons password" (${PASSWORD_STDIN_HELP})`,
  );
}
