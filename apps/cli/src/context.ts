import type { Command } from 'commander';
import { CredentialsStore, credentialsPath, type Credentials } from './config/credentials.js';
import { CliError, ExitCode } from './errors.js';
import { ApiClient } from './http/client.js';
import { normaliseServerUrl } from './http/server-url.js';
import { askSecret, type Terminal } from './io/prompt.js';
import { timestamp } from './output/format.js';

export interface Io extends Terminal {
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  now(): number;
}

export interface Session {
  credentials: Credentials;
  client: ApiClient;
}

const LOGIN_HINT =
  'run "pons login --server https://HOST:8443 --ca-fingerprint sha256:…" (the fingerprint is printed by "pons server" at start)';

/** What every command needs: the streams, the credentials store, and the session built from it. */
export class Context {
  readonly store: CredentialsStore;

  constructor(readonly io: Io) {
    this.store = new CredentialsStore(credentialsPath(io.env));
  }

  now(): number {
    return this.io.now();
  }

  /** Data for the user, on stdout. */
  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  }

  /** Machine-readable output: the value as JSON, nothing else on stdout. */
  json(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Notices and warnings, on stderr, so that stdout stays clean for pipes. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** Prompts are possible only when both the keyboard and the screen are a terminal. */
  get interactive(): boolean {
    return Boolean(this.io.stdin.isTTY && this.io.stderr.isTTY);
  }

  async askSecret(question: string): Promise<string> {
    if (!this.interactive) throw new CliError('no terminal to ask for a password', ExitCode.usage, 'pipe it in and pass --password-stdin');
    return askSecret(this.io, question);
  }

  /** `--server` or `$PONS_SERVER` (commander reads both), normalised. */
  serverOption(command: Command): string | undefined {
    const { server } = command.optsWithGlobals<{ server?: string }>();
    return server === undefined || server === '' ? undefined : normaliseServerUrl(server);
  }

  /**
   * A client for saved credentials, trusting only the CA proven at login. `--server` changes
   * the address only: the pinned CA still decides whether the server is the same one.
   */
  clientFor(credentials: Credentials, command: Command): ApiClient {
    const server = this.serverOption(command) ?? credentials.server;
    return new ApiClient({ server, caPem: credentials.caPem, caFingerprint: credentials.caFingerprint, token: credentials.token });
  }

  /** The saved session, or a not-logged-in error (exit code 3) that says how to log in. */
  session(command: Command): Session {
    const credentials = this.store.load();
    if (!credentials) throw new CliError('not logged in', ExitCode.auth, LOGIN_HINT);
    if (credentials.expiresAt !== undefined && credentials.expiresAt <= this.now()) {
      throw new CliError(`your session ended at ${timestamp(credentials.expiresAt)}`, ExitCode.auth, 'run "pons login" again');
    }
    if (this.store.isExposed()) {
      this.note(`pons: warning: ${this.store.file} is readable by other users; run "chmod 600 ${this.store.file}"`);
    }
    return { credentials, client: this.clientFor(credentials, command) };
  }
}
