import { request } from 'node:https';
import { isErrorCode, type Validated } from '@pons/protocol';
import { ApiError, CliError, ExitCode } from '../errors.js';
import { CLI_VERSION } from '../version.js';
import { transportError } from './transport-error.js';

/** A schema check, as `Validator` from @pons/protocol provides. */
export interface Check<T> {
  validate(value: unknown): Validated<T>;
}

export interface ClientOptions {
  server: string;
  /** The CA proven at login: the only certificate this client trusts. */
  caPem: string;
  caFingerprint?: string;
  token?: string;
  timeoutMs?: number;
}

interface RawResponse {
  status: number;
  body: unknown;
  retryAfter: string | undefined;
}

/**
 * The CLI's only way to the server: HTTPS trusting the pinned private CA alone, JSON both ways,
 * every answer checked against its schema, every failure turned into an ApiError or a CliError.
 */
export class ApiClient {
  constructor(private readonly options: ClientOptions) {}

  get server(): string {
    return this.options.server;
  }

  async call<T>(method: string, path: string, expect: Check<T>, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status >= 400) throw this.apiError(response);
    const result = expect.validate(response.body);
    if (!result.ok) {
      throw new CliError(
        `the server's answer to ${method} ${path} is not what this CLI expects: ${result.message}`,
        ExitCode.generic,
        'the server and the CLI may be different versions; compare "pons --version" with the server',
      );
    }
    return result.value;
  }

  private apiError({ status, body, retryAfter }: RawResponse): ApiError {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const code = isErrorCode(error?.code) ? error.code : undefined;
    const message = typeof error?.message === 'string' ? error.message : `the server answered HTTP ${status}`;
    const details = typeof error?.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
    const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
    return new ApiError(status, code, message, details, seconds);
  }

  private send(method: string, path: string, body: unknown): Promise<RawResponse> {
    const url = new URL(path, this.options.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.options.caPem,
          // Trust comes from the pinned private CA, which signs only this server's certificates;
          // the name the user typed (an IP, an alias) need not be in the certificate.
          checkServerIdentity: () => undefined,
          agent: false,
          headers: {
            accept: 'application/json',
            'user-agent': `pons-cli/${CLI_VERSION}`,
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(transportError(error, url.host, this.options.caFingerprint)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined;
            try {
              resolve({ status, body: text === '' ? undefined : JSON.parse(text), retryAfter });
            } catch {
              reject(
                new CliError(
                  `${url.host} answered HTTP ${status} with something that is not JSON`,
                  ExitCode.generic,
                  'check that the address is a Pons server',
                ),
              );
            }
          });
        },
      );
      req.setTimeout(timeoutMs, () =>
        req.destroy(new CliError(`${url.host} did not answer within ${timeoutMs / 1000} s`, ExitCode.unreachable)),
      );
      req.on('error', (error) => reject(error instanceof CliError ? error : transportError(error, url.host, this.options.caFingerprint)));
      req.end(payload);
    });
  }
}
