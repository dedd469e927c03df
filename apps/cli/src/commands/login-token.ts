import type { Context } from '../context.js';
import { API_TOKEN_PREFIX, isApiToken } from '../config/credentials.js';
import { ApiError, CliError, ExitCode, usageError } from '../errors.js';
import { ApiClient } from '../http/client.js';
import { responses } from '../http/responses.js';
import { readStdinLines } from '../io/prompt.js';
import { endReplacedSession, loginTarget } from './login.js';

/** When the token ends, from the list of the user's tokens; unknown when the list is not readable. */
async function expiryOf(client: ApiClient, token: string): Promise<number | undefined> {
  try {
    const { items } = await client.call('GET', '/api/v1/api-tokens', responses.apiTokenList);
    const matching = items.filter((t) => t.state === 'active' && token.startsWith(t.prefix));
    return matching.length === 1 ? matching[0]?.expiresAt : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `pons login --token-stdin`: keeps an API token (made with "pons tokens create") as the session,
 * once the server has accepted it, so that scripts run the other commands with its rights.
 */
export async function loginWithToken(ctx: Context, options: { server: string | undefined; caFingerprint?: string }): Promise<void> {
  const target = await loginTarget(ctx, options);
  const { server, trusted } = target;
  const [token = ''] = (await readStdinLines(ctx.io.stdin, 1, 'the API token')).map((line) => line.trim());
  if (!isApiToken(token))
    throw usageError(
      `what stdin holds is not an API token (they start with ${API_TOKEN_PREFIX})`,
      'create one with "pons tokens create NAME"',
    );

  const client = new ApiClient({ server, ...trusted, token });
  let username: string;
  try {
    username = (await client.call('GET', '/api/v1/auth/me', responses.me)).user.username;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      throw new CliError(
        'the server refused this API token: it is wrong, revoked or expired',
        ExitCode.auth,
        'create a new one with "pons tokens create NAME"',
      );
    throw error;
  }
  const expiresAt = await expiryOf(client, token);
  ctx.store.save({ server, ...trusted, token, username, ...(expiresAt !== undefined ? { expiresAt } : {}) });
  ctx.out(`Logged in to ${server} as ${username} with an API token.`);
  await endReplacedSession(target, token);
}
