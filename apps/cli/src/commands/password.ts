import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import type { ApiClient } from '../http/client.js';
import { responses } from '../http/responses.js';
import { readStdinLines } from '../io/prompt.js';

export const PASSWORD_STDIN_HELP = 'in scripts: printf \'%s\\n%s\\n\' "$CURRENT" "$NEW" | pons password --password-stdin';

async function askNewPassword(ctx: Context): Promise<string> {
  const first = await ctx.askSecret('New password: ');
  const second = await ctx.askSecret('Repeat the new password: ');
  if (first !== second) throw usageError('the two new passwords differ; nothing was changed');
  return first;
}

/**
 * Changes the password of the logged-in user. The server keeps this session and ends the
 * others, so the saved token stays valid.
 */
export async function changePassword(
  ctx: Context,
  client: ApiClient,
  username: string,
  options: { current?: string; stdin?: boolean },
): Promise<void> {
  let current: string;
  let next: string;
  if (options.stdin) {
    [current = '', next = ''] = await readStdinLines(ctx.io.stdin, 2, 'the current and the new password');
  } else {
    current = options.current ?? (await ctx.askSecret(`Current password for ${username}: `));
    next = await askNewPassword(ctx);
  }
  await client.call('POST', '/api/v1/auth/password', responses.passwordChanged, { currentPassword: current, newPassword: next });
  ctx.out(`Password changed for ${username}; its other sessions were ended.`);
}
