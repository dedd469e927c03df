import * as client from 'openid-client';
import { mapClaims } from './oidc-claims.js';

export { claimValues, mapClaims, type MappedClaims, type OidcClaimMapping } from './oidc-claims.js';

export interface OidcProviderSettings {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** Claim names: uid, given name, surname and mail come from these claims. */
  claims: { uid: string; givenName: string; sn: string; mail: string };
}

export interface PendingLogin {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  createdAt: number;
  returnTo: string;
}

export interface OidcIdentity {
  subject: string;
  issuer: string;
  uid: string;
  givenName: string | null;
  sn: string | null;
  mail: string | null;
  claims: Record<string, unknown>;
}

export type OidcStage = 'discovery' | 'state' | 'callback' | 'token' | 'claims';

export const DEFAULT_OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email'];
export const DEFAULT_OIDC_CLAIMS = { uid: 'preferred_username', givenName: 'given_name', sn: 'family_name', mail: 'email' };

export class OidcError extends Error {
  override readonly name = 'OidcError';
  constructor(
    readonly stage: OidcStage,
    message: string,
  ) {
    super(message);
  }
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const TIMEOUT_SECONDS = 10;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const PROTOCOL_CLAIMS = new Set('iss aud exp iat nbf jti nonce at_hash c_hash s_hash azp auth_time sid'.split(' '));

/** What went wrong, in words, from the errors that openid-client and fetch throw. */
function detail(error: unknown): string {
  const challenge = error instanceof client.WWWAuthenticateChallengeError ? { ...error.cause[0]?.parameters, status: error.status } : null;
  const oauth = error instanceof client.ResponseBodyError ? error : challenge;
  if (oauth) {
    const what = oauth.error === 'invalid_client' ? 'wrong client ID or client secret' : (oauth.error_description ?? 'refused');
    return `${what} (${oauth.error ?? 'no error code'}, HTTP ${oauth.status})`;
  }
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return `no answer within ${TIMEOUT_SECONDS} seconds`;
  const cause: unknown = error.cause;
  const code = cause instanceof Error ? ((cause as { code?: string }).code ?? cause.message) : 'network error';
  if (error.message === 'fetch failed') return `could not connect (${code})`;
  if (cause instanceof Response) return `${error.message} (HTTP ${cause.status})`;
  return cause instanceof Error && cause.message !== error.message ? `${error.message}: ${cause.message}` : error.message;
}

/** Runs one step of the protocol; any failure becomes an OidcError that never carries the client secret or a token. */
async function step<T>(stage: OidcStage, what: string, secret: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OidcError) throw error;
    const text = `${what}: ${detail(error)}.`;
    throw new OidcError(stage, (secret ? text.split(secret).join('[hidden]') : text).replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]'));
  }
}

function issuerUrl(issuer: string): { url: URL; insecure: boolean } {
  if (!URL.canParse(issuer.trim())) throw new OidcError('discovery', `The issuer "${issuer}" is not a valid URL.`);
  const url = new URL(issuer.trim());
  // openid-client refuses plain http. It is allowed only for a provider on a loopback address (the tests run one over http on
  // 127.0.0.1); anything reachable over a network must use https.
  const insecure = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !insecure) throw new OidcError('discovery', `The issuer ${url.href} must use https://.`);
  return { url, insecure };
}

export class OidcRelyingParty {
  private readonly clock: () => number;
  private readonly pendingTtlMs: number;
  private readonly discovered = new Map<string, { metadata: client.ServerMetadata; expiresAt: number }>();

  constructor(options: { clock?: () => number; pendingTtlMs?: number } = {}) {
    this.clock = options.clock ?? Date.now;
    this.pendingTtlMs = options.pendingTtlMs ?? 10 * 60_000;
  }

  async beginLogin(provider: OidcProviderSettings, redirectUri: string, returnTo: string): Promise<{ url: string; pending: PendingLogin }> {
    const config = await this.configuration(provider);
    const [state, nonce, codeVerifier] = [client.randomState(), client.randomNonce(), client.randomPKCECodeVerifier()];
    const scope = [...new Set(['openid', ...(provider.scopes.length ? provider.scopes : DEFAULT_OIDC_SCOPES)])].join(' ');
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const parameters = { redirect_uri: redirectUri, response_type: 'code', scope, state, nonce };
    const url = await step('discovery', "The provider's authorization endpoint cannot be used", '', () =>
      client.buildAuthorizationUrl(config, { ...parameters, code_challenge: codeChallenge, code_challenge_method: 'S256' }),
    );
    return { url: url.href, pending: { providerId: provider.id, state, nonce, codeVerifier, createdAt: this.clock(), returnTo } };
  }

  async completeLogin(provider: OidcProviderSettings, redirectUri: string, callbackUrl: URL, pending: PendingLogin): Promise<OidcIdentity> {
    const again = 'please sign in again';
    if (pending.providerId !== provider.id) throw new OidcError('state', `This sign-in was started with another provider; ${again}.`);
    if (this.clock() - pending.createdAt > this.pendingTtlMs) {
      throw new OidcError('state', `The sign-in took longer than ${Math.round(this.pendingTtlMs / 60_000)} minutes; ${again}.`);
    }
    const params = callbackUrl.searchParams;
    const error = params.get('error');
    if (error && (params.get('state') ?? pending.state) === pending.state) {
      throw new OidcError('callback', `The provider refused the sign-in: ${params.get('error_description') ?? error} (${error}).`);
    }
    if (params.get('state') !== pending.state)
      throw new OidcError('state', `The sign-in response belongs to another sign-in (state mismatch); ${again}.`);
    if (!params.get('code')) throw new OidcError('callback', 'The provider sent the browser back without an authorization code.');
    const config = await this.configuration(provider);
    // The token request must carry the registered redirect URI, whatever the callback URL looked like behind proxies.
    const current = new URL(redirectUri);
    current.search = callbackUrl.search;
    const checks = { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce };
    const tokens = await step('token', 'The sign-in code could not be exchanged for a valid ID token', provider.clientSecret, () =>
      client.authorizationCodeGrant(config, current, checks),
    );
    const idToken = tokens.claims();
    if (!idToken) throw new OidcError('token', 'The provider sent no ID token.');
    const userinfo = config.serverMetadata().userinfo_endpoint
      ? await step('claims', "The provider's userinfo endpoint did not give the user's details", provider.clientSecret, () =>
          client.fetchUserInfo(config, tokens.access_token, idToken.sub),
        )
      : {};
    const claims: Record<string, unknown> = { ...idToken, ...userinfo };
    const mapped = mapClaims(claims, provider.claims);
    if (!mapped.uid) {
      const sent = Object.keys(claims).filter((name) => !PROTOCOL_CLAIMS.has(name));
      const hint = `set the uid claim mapping to a claim it sends (it sent: ${sent.sort().join(', ')})`;
      throw new OidcError('claims', `The provider sent no "${provider.claims.uid}" claim; ${hint}.`);
    }
    return { subject: idToken.sub, issuer: idToken.iss, ...mapped, uid: mapped.uid, claims };
  }

  async testDiscovery(issuer: string): Promise<{ ok: boolean; message: string }> {
    try {
      const { url, insecure } = issuerUrl(issuer);
      this.discovered.delete(url.href);
      const metadata = await this.metadata(url, insecure);
      const pkce = metadata.code_challenge_methods_supported?.includes('S256') ? 'supports' : 'does not advertise';
      return { ok: true, message: `Found the provider ${metadata.issuer}; it ${pkce} PKCE with S256.` };
    } catch (error) {
      return { ok: false, message: error instanceof OidcError ? error.message : detail(error) };
    }
  }

  private async configuration(provider: OidcProviderSettings): Promise<client.Configuration> {
    const { url, insecure } = issuerUrl(provider.issuer);
    const metadata = await this.metadata(url, insecure);
    const basic = metadata.token_endpoint_auth_methods_supported?.includes('client_secret_basic') ?? true;
    const auth = basic ? client.ClientSecretBasic(provider.clientSecret) : client.ClientSecretPost(provider.clientSecret);
    const config = new client.Configuration(metadata, provider.clientId, provider.clientSecret, auth);
    config.timeout = TIMEOUT_SECONDS;
    if (insecure) client.allowInsecureRequests(config);
    return config;
  }

  private async metadata(url: URL, insecure: boolean): Promise<client.ServerMetadata> {
    const cached = this.discovered.get(url.href);
    if (cached && cached.expiresAt > this.clock()) return cached.metadata;
    const where = `${url.href.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const options = { execute: insecure ? [client.allowInsecureRequests] : [], timeout: TIMEOUT_SECONDS };
    const metadata = await step('discovery', `Could not read the provider's discovery document at ${where}`, '', async () => ({
      ...(await client.discovery(url, 'discovery', undefined, undefined, options)).serverMetadata(),
    }));
    if (!metadata.authorization_endpoint || !metadata.token_endpoint) throw new OidcError('discovery', `${where} names no endpoints.`);
    this.discovered.set(url.href, { metadata, expiresAt: this.clock() + DISCOVERY_TTL_MS });
    return metadata;
  }
}
