import type { IncomingMessage } from 'node:http';
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
    return this.check(method, path, expect, await this.send(method, path, body));
  }

  /** Sends a file's bytes as the body (application/octet-stream), streamed from disk. */
  async upload<T>(
    method: string,
    path: string,
    expect: Check<T>,
    body: NodeJS.ReadableStream,
    headers: Record<string, string> = {},
  ): Promise<T> {
    return this.check(method, path, expect, await this.send(method, path, body, headers));
  }

  /**
   * A response that is not JSON (a download, an event stream), handed over as a stream once its
   * status says it succeeded; an error answer is turned into an ApiError as for `call`.
   */
  async open(path: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
    const url = new URL(path, this.options.server);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, { ...this.requestOptions('GET', headers) }, resolve);
      req.on('error', (error) => reject(error instanceof CliError ? error : transportError(error, url.host, this.options.caFingerprint)));
      req.end();
    });
    if ((res.statusCode ?? 0) < 400) return res;
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    throw this.apiError({ status: res.statusCode ?? 0, body, retryAfter: undefined });
  }

  private requestOptions(method: string, headers: Record<string, string>) {
    return {
      method,
      ca: this.options.caPem,
      // Trust comes from the pinned private CA, which signs only this server's certificates;
      // the name the user typed (an IP, an alias) need not be in the certificate.
      checkServerIdentity: () => undefined,
      agent: false as const,
      headers: {
        accept: 'application/json',
        'user-agent': `pons-cli/${CLI_VERSION}`,
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        ...headers,
      },
    };
  }

  private check<T>(method: string, path: string, expect: Check<T>, response: RawResponse): T {
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

  private send(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
    const url = new URL(path, this.options.server);
    const stream = isStream(body) ? body : null;
    const payload = body === undefined || stream ? undefined : JSON.stringify(body);
    // An upload may take long; its time limit is for silence, not for the whole transfer.
    const timeoutMs = this.options.timeoutMs ?? (stream ? 300_000 : 30_000);
    const contentType: Record<string, string> = stream
      ? { 'content-type': 'application/octet-stream' }
      : payload !== undefined
        ? { 'content-type': 'application/json' }
        : {};
    return new Promise((resolve, reject) => {
      const req = request(url, this.requestOptions(method, { ...contentType, ...headers }), (res) => {
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
      });
      req.setTimeout(timeoutMs, () =>
        req.destroy(new CliError(`${url.host} did not answer within ${timeoutMs / 1000} s`, ExitCode.unreachable)),
      );
      req.on('error', (error) => reject(error instanceof CliError ? error : transportError(error, url.host, this.options.caFingerprint)));
      if (stream) {
        stream.on('error', (error: Error) => req.destroy(error));
        stream.pipe(req);
      } else req.end(payload);
    });
  }
}

function isStream(value: unknown): value is NodeJS.ReadableStream {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}
