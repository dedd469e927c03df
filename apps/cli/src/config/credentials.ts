import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CliError, ExitCode } from '../errors.js';

/** What `pons login` keeps: where the server is, the CA it proved, and the session token. */
export interface Credentials {
  server: string;
  caPem: string;
  caFingerprint: string;
  token: string;
  username: string;
  /** When the session ends at the latest (ms since the epoch), as the server said at login. */
  expiresAt?: number;
}

/** What an API token starts with; a login with one is ended by revoking it, not by a logout. */
export const API_TOKEN_PREFIX = 'pons_pat_';

export const isApiToken = (token: string): boolean => token.startsWith(API_TOKEN_PREFIX);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Names the first field that is wrong, or undefined when the value is valid credentials. */
export function credentialsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const record = value as Record<string, unknown>;
  for (const field of ['server', 'caPem', 'token', 'username'] as const) {
    if (!nonEmpty(record[field])) return `"${field}" is missing`;
  }
  if (typeof record.caFingerprint !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(record.caFingerprint))
    return '"caFingerprint" is not a sha256 fingerprint';
  if (record.expiresAt !== undefined && !Number.isInteger(record.expiresAt)) return '"expiresAt" is not an integer';
  return undefined;
}

/** `$PONS_CLI_CONFIG`, else `$XDG_CONFIG_HOME/pons/credentials.json`, else `~/.config/pons/credentials.json`. */
export function credentialsPath(env: NodeJS.ProcessEnv): string {
  if (env.PONS_CLI_CONFIG) return path.resolve(env.PONS_CLI_CONFIG);
  const base = env.XDG_CONFIG_HOME ? path.resolve(env.XDG_CONFIG_HOME) : path.join(homedir(), '.config');
  return path.join(base, 'pons', 'credentials.json');
}

export class CredentialsStore {
  constructor(readonly file: string) {}

  /** The saved credentials, or undefined when nobody is logged in. */
  load(): Credentials | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CliError(`cannot read ${this.file}: ${(error as Error).message}`, ExitCode.auth);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const problem = credentialsProblem(parsed);
    if (problem) throw new CliError(`${this.file} is not a valid credentials file: ${problem}`, ExitCode.auth, 'run "pons login" again');
    return parsed as Credentials;
  }

  /** True when the file can be read by other users (it holds a session token). */
  isExposed(): boolean {
    if (process.platform === 'win32') return false;
    try {
      return (statSync(this.file).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  }

  /**
   * Writes through a private temporary file renamed into place, so that the token is never
   * readable by others, not even for an instant, and a crash leaves the old file whole.
   */
  save(credentials: Credentials): void {
    const dir = path.dirname(this.file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(temp, 0o600);
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new CliError(`cannot write ${this.file}: ${(error as Error).message}`, ExitCode.generic);
    }
  }

  remove(): boolean {
    try {
      rmSync(this.file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new CliError(`cannot remove ${this.file}: ${(error as Error).message}`, ExitCode.generic);
    }
  }
}
