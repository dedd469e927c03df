import { randomUUID } from 'node:crypto';
import { sha256Hex } from '@pons/crypto';
import type { Clock } from '../../platform/clock.js';
import { PonsError } from '../../platform/errors.js';
import type { CredentialsRepository } from './credentials.repository.js';
import type { DirectorySettings, OidcProviderWithSecret } from './directory-settings.js';
import type { IdentityRepository } from './identity.repository.js';
import type { IdentityService } from './identity.service.js';
import type { LoginResult, LoginService } from './login.service.js';
import { claimValues, OidcError, OidcRelyingParty, type OidcIdentity, type PendingLogin } from './oidc/oidc-client.js';
import { mappedTargets, resolveRoles, type ProfileLookup } from './role-mapping.js';
import { userRow, type UsersRepository } from './users.repository.js';

const PENDING_TTL_MS = 10 * 60_000;

const RETURN_BASE = 'https://return-to.invalid';

/**
 * Only a path of this site: never an absolute URL another site could use to phish from our login.
 * Browsers drop tabs and newlines and read `\` as `/`, so `/<tab>/evil.example` means `//evil.example`:
 * control characters are refused, and the path must stay on this origin once parsed as a browser would.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value?.startsWith('/') || /[\u0000-\u001f\u007f]/.test(value) || !URL.canParse(value, RETURN_BASE)) return '/';
  return new URL(value, RETURN_BASE).origin === RETURN_BASE ? value : '/';
}

/**
 * OIDC login (authorization code + PKCE), as Medulla's: the provider vouches for the user, its
 * claims give the names and mail, a role claim (or the default) gives the profiles, and the user
 * is provisioned on the first login. The pending login is kept in the database, so the callback
 * may reach any node.
 */
export class OidcLogin {
  constructor(
    private readonly settings: DirectorySettings,
    private readonly credentials: CredentialsRepository,
    private readonly repo: IdentityRepository,
    private readonly users: UsersRepository,
    private readonly identity: IdentityService,
    private readonly profiles: ProfileLookup,
    private readonly login: LoginService,
    private readonly clock: Clock,
    private readonly rp = new OidcRelyingParty({ clock: () => clock.now(), pendingTtlMs: PENDING_TTL_MS }),
  ) {}

  async start(providerId: string, returnTo: string | undefined): Promise<string> {
    const provider = await this.enabledProvider(providerId);
    const { url, pending } = await this.rp.beginLogin(provider, this.settings.redirectUri(), safeReturnTo(returnTo));
    await this.credentials.savePendingOidc({
      id: sha256Hex(pending.state),
      provider_id: provider.id,
      data: JSON.stringify(pending),
      expires_at: this.clock.now() + PENDING_TTL_MS,
    });
    return url;
  }

  async callback(callbackUrl: URL, address: string): Promise<{ result: LoginResult; returnTo: string }> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    const row = state ? await this.credentials.takePendingOidc(sha256Hex(state)) : undefined;
    let username: string | null = null;
    try {
      if (!row) throw new OidcError('state', 'This login link has expired or was already used; start again from the login page.');
      const pending = JSON.parse(row.data) as PendingLogin;
      const provider = await this.enabledProvider(row.provider_id);
      const found = await this.rp.completeLogin(provider, this.settings.redirectUri(), callbackUrl, pending);
      username = found.uid;
      const userId = await this.provision(provider, found);
      return { result: await this.login.external(userId, found.uid, address, `oidc:${provider.name}`), returnTo: pending.returnTo };
    } catch (error) {
      await this.login.failedExternal(error, username, address, 'oidc');
      if (error instanceof OidcError) throw new PonsError('PONS_E_OIDC', error.message);
      throw error;
    }
  }

  testDiscovery(issuer: string): Promise<{ ok: boolean; message: string }> {
    return this.rp.testDiscovery(issuer);
  }

  private async enabledProvider(id: string): Promise<OidcProviderWithSecret> {
    const provider = await this.settings.provider(id);
    if (!provider.enabled) throw new PonsError('PONS_E_PROVIDER_NOT_FOUND', `Login with ${provider.name} is disabled.`);
    return provider;
  }

  private async provision(provider: OidcProviderWithSecret, found: OidcIdentity): Promise<string> {
    const values = provider.roleClaim ? claimValues(found.claims, provider.roleClaim) : [];
    const mappings = provider.roleMappings.map((m) => ({ key: m.value, entity: m.entity, profile: m.profile }));
    const targets = mappedTargets(values, mappings, provider.defaultRole, provider.name);
    const roles = await resolveRoles(targets, await this.identity.entityTree(), this.profiles);
    const externalId = `${found.issuer}|${found.subject}`;
    const patch = { given_name: found.givenName, sn: found.sn, mail: found.mail, external_id: externalId };
    const existing = (await this.users.findByExternal('oidc', externalId)) ?? (await this.repo.findUserByName(found.uid));
    if (existing && (existing.source !== 'oidc' || existing.external_id !== externalId)) {
      throw new PonsError('PONS_E_CONFLICT', `Another account is already called "${found.uid}"; an administrator must rename one of them.`);
    }
    if (existing?.disabled) throw new PonsError('PONS_E_INVALID_CREDENTIALS', 'This account is disabled.');
    if (existing) {
      await this.users.replaceRoles(existing.id, roles, patch);
      return existing.id;
    }
    const id = randomUUID();
    await this.repo.createUser(userRow({ id, username: found.uid, created_at: this.clock.now(), source: 'oidc', ...patch }), roles);
    return id;
  }
}
