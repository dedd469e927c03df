import type { LoginResponse } from '@pons/protocol';
import { isApiToken, type Credentials } from '../config/credentials.js';
import type { Context } from '../context.js';
import { CliError, ExitCode, SECOND_FACTOR_HINT, usageError } from '../errors.js';
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

export interface LoginTarget {
  previous: Credentials | undefined;
  server: string;
  trusted: TrustedCa;
}

/** The server to log in to and its CA: pinned by --ca-fingerprint, saved for this server, or confirmed on first use. */
export async function loginTarget(ctx: Context, options: { server: string | undefined; caFingerprint?: string }): Promise<LoginTarget> {
  const previous = previousLogin(ctx);
  const server = options.server ?? previous?.server;
  if (!server) throw usageError('no server to log in to', 'pass --server https://HOST:8443 (or set PONS_SERVER)');
  // Logging in again to the same server reuses the CA pinned the first time, as ssh's known_hosts.
  const pin = options.caFingerprint ?? (previous?.server === server ? previous.caFingerprint : undefined);
  const trusted = pin ? { caPem: await fetchPinnedCa(server, pin), caFingerprint: pin } : await trustOnFirstUse(ctx, server);
  return { previous, server, trusted };
}

/**
 * Ends the session a new login replaces, so that an old copy of the file is worth nothing. An
 * API token is left alone: scripts may share it, and "pons tokens revoke" is what ends it.
 */
export async function endReplacedSession({ previous, server, trusted }: LoginTarget, token: string): Promise<void> {
  if (previous?.server !== server || previous.caFingerprint !== trusted.caFingerprint) return;
  if (previous.token === token || isApiToken(previous.token)) return;
  try {
    await new ApiClient({ server, ...trusted, token: previous.token }).call('POST', '/api/v1/auth/logout', responses.loggedOut);
  } catch {
    // Already expired or ended: nothing to do.
  }
}

/** Asks for the second factor (or takes it from the second line of stdin) and finishes the login. */
async function secondFactor(
  ctx: Context,
  client: ApiClient,
  challenge: string,
  piped: { stdin: boolean; code: string | undefined },
): Promise<LoginResponse> {
  if (piped.stdin && piped.code === undefined)
    throw usageError(
      'the server asks for a second factor: expected its code as the second line of stdin',
      `printf '%s\\n%s\\n' "$PASSWORD" "$CODE" | pons login --password-stdin`,
    );
  const code = (piped.stdin ? (piped.code ?? '') : await ctx.askSecret('Code from your authenticator app (or a recovery code): ')).trim();
  if (code === '') throw usageError('no code was typed; nothing was saved');
  // The server checks the length too, but its answer would read as a malformed request.
  if (code.length < 6 || code.length > 32)
    throw new CliError('the code is wrong: the app shows 6 digits, and a recovery code is longer', ExitCode.auth, SECOND_FACTOR_HINT);
  return client.call('POST', '/api/v1/auth/login/second-factor', responses.login, { challenge, code });
}

/**
 * `pons login`: proves the server's CA (pinned, or confirmed on first use), logs in, with the
 * second factor when the account has one, and keeps the session. A bootstrap account must change
 * its password: on a terminal we ask for the new one at once; in a script the session is kept
 * and the user is told to run `pons password`.
 */
export async function login(ctx: Context, options: LoginOptions): Promise<void> {
  const target = await loginTarget(ctx, options);
  const { previous, server, trusted } = target;
  const username = options.username ?? previous?.username ?? 'admin';
  const [password = '', code] = options.passwordStdin
    ? await readStdinLines(ctx.io.stdin, 1, 'the password', 1)
    : [await ctx.askSecret(`Password for ${username} on ${hostOf(server)}: `)];

  const anonymous = new ApiClient({ server, ...trusted });
  const step = await anonymous.call('POST', '/api/v1/auth/login', responses.loginStep, { username, password, client: 'cli' });
  const result =
    'secondFactorRequired' in step
      ? await secondFactor(ctx, anonymous, step.challenge, { stdin: options.passwordStdin === true, code })
      : step;
  if (!result.token)
    throw new CliError('the server returned no session token for a CLI login', ExitCode.generic, 'is the server older than this CLI?');
  ctx.store.save({ server, ...trusted, token: result.token, username: result.user.username, expiresAt: result.expiresAt });
  ctx.out(`Logged in to ${server} as ${result.user.username}.`);
  await endReplacedSession(target, result.token);
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
