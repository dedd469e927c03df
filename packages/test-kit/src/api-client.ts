import { request } from 'node:https';
import type { CreatedEnrollmentToken, LiveEvent, MachineDetail, MachineList } from '@pons/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string } },
  ) {
    super(`HTTP ${status}: ${body.error?.code ?? ''} ${body.error?.message ?? ''}`);
  }
  get code(): string | undefined {
    return this.body.error?.code;
  }
}

/** A small REST client for tests: trusts only the server's CA, authenticates with a bearer token. */
export class ApiClient {
  token: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly caPem: string,
  ) {}

  raw(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; bytes: Buffer; headers: Record<string, string | string[] | undefined> }> {
    const url = new URL(path, this.baseUrl);
    const binary = Buffer.isBuffer(body);
    const payload = body === undefined || binary ? body : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.caPem,
          headers: {
            ...(payload !== undefined ? { 'content-type': binary ? 'application/octet-stream' : 'application/json' } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            const text = bytes.toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, bytes, headers: res.headers });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.raw(method, path, body, headers);
    if (res.status >= 400) throw new ApiError(res.status, res.body as ApiError['body']);
    return res.body as T;
  }

  async login(username: string, password: string): Promise<{ passwordChangeRequired: boolean }> {
    const result = await this.call<{ token: string; user: { passwordChangeRequired: boolean } }>('POST', '/api/v1/auth/login', {
      username,
      password,
      client: 'cli',
    });
    this.token = result.token;
    return { passwordChangeRequired: result.user.passwordChangeRequired };
  }

  /** Logs in with the bootstrap password and replaces it, as a first-time admin does. */
  async loginAsNewAdmin(bootstrapPassword: string, newPassword = 'Test-Password-2026!'): Promise<void> {
    await this.login('admin', bootstrapPassword);
    await this.call('POST', '/api/v1/auth/password', { currentPassword: bootstrapPassword, newPassword });
  }

  createToken(options: { entity?: string; maxUses?: number; expiresInMs?: number } = {}): Promise<CreatedEnrollmentToken> {
    return this.call('POST', '/api/v1/enrollment-tokens', options);
  }

  machines(query = ''): Promise<MachineList> {
    return this.call('GET', `/api/v1/machines${query}`);
  }

  machine(ref: string): Promise<MachineDetail> {
    return this.call('GET', `/api/v1/machines/${encodeURIComponent(ref)}`);
  }

  /** Opens the live event stream; each event is passed to `onEvent` with its arrival time. */
  events(onEvent: (event: LiveEvent, at: number) => void): Promise<{ close(): void }> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL('/api/v1/events', this.baseUrl),
        { ca: this.caPem, headers: { authorization: `Bearer ${this.token ?? ''}`, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`events stream answered ${res.statusCode}`));
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').find((l) => l.startsWith('data: '));
              if (data) onEvent(JSON.parse(data.slice(6)) as LiveEvent, Date.now());
            }
          });
          resolve({ close: () => req.destroy() });
        },
      );
      req.on('error', (error) => reject(error));
      req.end();
    });
  }
}
