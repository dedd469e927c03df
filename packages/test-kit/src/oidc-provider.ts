import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { text } from 'node:stream/consumers';
import { freePort } from './free-port.js';

export type TestOidcClient = { clientId: string; clientSecret: string; redirectUris: string[] };
/** A user of the test provider: `sub` is the key under which it is registered; `claims` are given_name, email, groups… */
export type TestOidcUser = { password: string; claims: Record<string, unknown> };
export type TestOidcProviderOptions = { clients: TestOidcClient[]; users: Record<string, TestOidcUser> };

// oidc-provider ships no type declarations: this is the small part of its API used here.
interface Interaction {
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: Record<string, unknown>;
  grantId?: string;
  session?: { accountId?: string };
}
type Grant = { addOIDCScope(scope: string): void; addOIDCClaims(claims: string[]): void; save(): Promise<string> };
interface KoaContext {
  method: string;
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  status: number;
  type: string;
  body: unknown;
  respond: boolean;
}
interface Provider {
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>): Promise<void>;
  Grant: (new (properties: { accountId: string; clientId: string }) => Grant) & { find(id: string): Promise<Grant | undefined> };
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => Provider;

// Imported through a variable so that the compiler does not look for the missing declarations.
const MODULE_NAME: string = 'oidc-provider';

/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with a plain HTML login form, for tests. */
export class TestOidcProvider {
  private constructor(
    readonly issuer: string,
    private readonly server: Server,
  ) {}

  static async start(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
    const { Provider } = (await import(MODULE_NAME)) as { Provider: ProviderConstructor };
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = new Provider(issuer, {
      clients: options.clients.map((c) => ({ client_id: c.clientId, client_secret: c.clientSecret, redirect_uris: c.redirectUris })),
      jwks: { keys: [{ ...signingKey, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: {
        openid: ['sub'],
        profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups'],
        email: ['email', 'email_verified'],
        groups: ['groups'],
      },
      features: { devInteractions: { enabled: false } },
      pkce: { required: () => true },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
      findAccount: (_ctx: unknown, sub: string) => {
        const user = options.users[sub];
        if (!user) return undefined;
        return { accountId: sub, claims: () => Promise.resolve({ ...user.claims, sub }) };
      },
    });
    provider.use(async (ctx, next) => {
      if (!ctx.path.startsWith('/interaction/')) return next();
      await interaction(provider, options.users, ctx);
    });
    const server = createServer(provider.callback());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new TestOidcProvider(issuer, server);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function interaction(provider: Provider, users: Record<string, TestOidcUser>, ctx: KoaContext): Promise<void> {
  const details = await provider.interactionDetails(ctx.req, ctx.res).catch((error: Error) => error);
  if (details instanceof Error) return reply(ctx, 400, `No login in progress: ${details.message}`);
  if (ctx.method === 'GET' && details.prompt.name === 'login') return reply(ctx, 200, loginPage(null));
  let accountId = details.session?.accountId;
  if (ctx.method === 'POST') {
    const form = new URLSearchParams(await text(ctx.req));
    accountId = form.get('login') ?? '';
    if (users[accountId]?.password !== form.get('password')) return reply(ctx, 401, loginPage('Wrong login or password.'));
  }
  if (!accountId) return reply(ctx, 400, 'Nobody is logged in.');
  const grantId = await grantEverything(provider, details, accountId);
  await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } });
  ctx.respond = false;
}

function reply(ctx: KoaContext, status: number, body: string): void {
  ctx.status = status;
  ctx.type = body.startsWith('<') ? 'text/html' : 'text/plain';
  ctx.body = body;
}

/** Consent is automatic: the grant covers every scope and claim the client asked for. */
async function grantEverything(provider: Provider, details: Interaction, accountId: string): Promise<string> {
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(typeof details.params.scope === 'string' ? details.params.scope : 'openid');
  if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
  if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
  return grant.save();
}

function loginPage(error: string | null): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Test provider login</title></head>
<body><h1>Sign in</h1>${error ? `<p id="error">${error}</p>` : ''}
<form method="post">
<label>Login <input name="login" autocomplete="username" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit" id="submit">Sign in</button>
</form></body></html>`;
}

/**
 * Drives an authorization request to its end without a browser: follows redirects with a small cookie jar,
 * posts the login form, and returns the redirect to `redirectUri` (with `code` and `state`, or `error`).
 */
export async function oidcLoginWithoutBrowser(
  authorizationUrl: string,
  login: string,
  password: string,
  redirectUri: string,
): Promise<URL> {
  const jar = new Map<string, string>();
  const target = new URL(redirectUri);
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  let posted = false;
  for (let step = 0; step < 20; step++) {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) keepCookie(jar, line);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      init = {};
      if (url.origin === target.origin && url.pathname === target.pathname) return url;
      continue;
    }
    const html = await response.text();
    if (!/<form[^>]*method="?post/i.test(html))
      throw new Error(`Unexpected page at ${url.href} (HTTP ${response.status}): ${html.slice(0, 300)}`);
    if (posted) throw new Error(`The provider did not accept the login ${login} (HTTP ${response.status}).`);
    posted = true;
    const action = /<form[^>]*action="([^"]+)"/i.exec(html)?.[1];
    url = action ? new URL(action, url) : url;
    init = { method: 'POST', body: new URLSearchParams({ login, password }) };
  }
  throw new Error(`Too many redirects from ${authorizationUrl}`);
}

function keepCookie(jar: Map<string, string>, line: string): void {
  const [pair = '', ...attributes] = line.split(';');
  const separator = pair.indexOf('=');
  if (separator < 1) return;
  const name = pair.slice(0, separator).trim();
  const value = pair.slice(separator + 1).trim();
  const expires = attributes.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
  const expired = expires !== undefined && Date.parse(expires.slice('expires='.length)) <= Date.now();
  if (!value || expired) jar.delete(name);
  else jar.set(name, value);
}
