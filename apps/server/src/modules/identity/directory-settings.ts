import { randomUUID } from 'node:crypto';
import type {
  LdapSettingsRequest,
  LdapSettingsView,
  LoginMethods,
  OidcProviderRequest,
  OidcProviderView,
  SecuritySettings,
} from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { SecretsBox } from '../../platform/crypto/secrets-box.js';
import { PonsError } from '../../platform/errors.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import type { SettingsRepository } from './settings.repository.js';

type LdapStored = Omit<LdapSettingsRequest, 'bindPassword'> & { bindPasswordSealed?: string };
export type LdapSettingsWithSecret = Omit<LdapSettingsRequest, 'bindPassword'> & { bindPassword: string };
export type OidcProviderWithSecret = OidcProviderView & { clientSecret: string };
type OidcStored = Omit<OidcProviderRequest, 'clientSecret'>;

const CACHE_MS = 2_000;

/**
 * Settings an administrator changes in the console: the session idle timeout, the LDAP
 * directory, the OIDC providers. Secrets are sealed at rest and never leave in a view.
 */
export class DirectorySettings {
  private idle: { value: number; at: number } | null = null;

  constructor(
    private readonly repo: SettingsRepository,
    private readonly box: SecretsBox,
    private readonly clock: Clock,
    private readonly defaults: { idleTimeoutMs: number },
    private readonly publicUrl: () => string,
  ) {}

  async security(): Promise<SecuritySettings> {
    const raw = await this.repo.get('security');
    return raw ? (JSON.parse(raw) as SecuritySettings) : { sessionIdleTimeoutMs: this.defaults.idleTimeoutMs };
  }

  async saveSecurity(value: SecuritySettings, by: string): Promise<SecuritySettings> {
    await this.repo.put('security', JSON.stringify(value), this.clock.now(), by);
    this.idle = null;
    return value;
  }

  /** The browser idle timeout, read at most every 2 s. */
  async idleTimeoutMs(): Promise<number> {
    const now = this.clock.now();
    if (!this.idle || now - this.idle.at > CACHE_MS) this.idle = { value: (await this.security()).sessionIdleTimeoutMs, at: now };
    return this.idle.value;
  }

  async ldapView(): Promise<LdapSettingsView | null> {
    const stored = await this.ldapStored();
    if (!stored) return null;
    const { bindPasswordSealed, ...rest } = stored;
    return { ...rest, bindPasswordSet: Boolean(bindPasswordSealed) };
  }

  /** The settings with the service password, for a login or a test; `draft` tests unsaved values. */
  async ldapWithSecret(draft?: LdapSettingsRequest): Promise<LdapSettingsWithSecret | null> {
    const stored = await this.ldapStored();
    if (draft) {
      const { bindPassword, ...rest } = draft;
      const secret = bindPassword ?? (stored?.bindPasswordSealed ? this.box.open(stored.bindPasswordSealed) : '');
      return { ...rest, bindPassword: secret };
    }
    if (!stored) return null;
    const { bindPasswordSealed, ...rest } = stored;
    return { ...rest, bindPassword: bindPasswordSealed ? this.box.open(bindPasswordSealed) : '' };
  }

  async saveLdap(request: LdapSettingsRequest, by: string): Promise<LdapSettingsView> {
    const previous = await this.ldapStored();
    const { bindPassword, ...rest } = request;
    const sealed = bindPassword ? this.box.seal(bindPassword) : previous?.bindPasswordSealed;
    if (request.enabled && !sealed) throw new PonsError('PONS_E_VALIDATION', "Give the service account's password to enable LDAP.");
    const stored: LdapStored = { ...rest, ...(sealed ? { bindPasswordSealed: sealed } : {}) };
    await this.repo.put('ldap', JSON.stringify(stored), this.clock.now(), by);
    return (await this.ldapView())!;
  }

  private async ldapStored(): Promise<LdapStored | null> {
    const raw = await this.repo.get('ldap');
    return raw ? (JSON.parse(raw) as LdapStored) : null;
  }

  redirectUri(): string {
    return `${this.publicUrl()}/api/v1/auth/oidc/callback`;
  }

  async providers(): Promise<OidcProviderView[]> {
    return (await this.repo.listProviders()).map((row) => this.view(row.id, row.config, row.client_secret));
  }

  async provider(id: string): Promise<OidcProviderWithSecret> {
    const row = await this.repo.findProvider(id);
    if (!row) throw new PonsError('PONS_E_PROVIDER_NOT_FOUND', 'No OIDC provider has this id.');
    return { ...this.view(row.id, row.config, row.client_secret), clientSecret: row.client_secret ? this.box.open(row.client_secret) : '' };
  }

  async saveProvider(id: string | null, request: OidcProviderRequest): Promise<OidcProviderView> {
    const { clientSecret, ...config } = request;
    const existing = id ? await this.repo.findProvider(id) : undefined;
    if (id && !existing) throw new PonsError('PONS_E_PROVIDER_NOT_FOUND', 'No OIDC provider has this id.');
    const sealed = clientSecret ? this.box.seal(clientSecret) : (existing?.client_secret ?? null);
    const row = {
      name: request.name,
      config: JSON.stringify(config satisfies OidcStored),
      client_secret: sealed,
      enabled: request.enabled ? 1 : 0,
    };
    const providerId = id ?? randomUUID();
    try {
      if (existing) await this.repo.updateProvider(providerId, row);
      else await this.repo.insertProvider({ id: providerId, created_at: this.clock.now(), ...row });
    } catch (error) {
      if (isUniqueViolation(error)) throw new PonsError('PONS_E_CONFLICT', `An OIDC provider is already called "${request.name}".`);
      throw error;
    }
    return this.view(providerId, row.config, sealed);
  }

  async deleteProvider(id: string): Promise<void> {
    if (!(await this.repo.deleteProvider(id))) throw new PonsError('PONS_E_PROVIDER_NOT_FOUND', 'No OIDC provider has this id.');
  }

  async loginMethods(): Promise<LoginMethods> {
    const ldap = await this.ldapStored();
    const providers = (await this.providers()).filter((p) => p.enabled);
    return { ldap: Boolean(ldap?.enabled), providers: providers.map((p) => ({ id: p.id, name: p.name, logoUrl: p.logoUrl ?? null })) };
  }

  private view(id: string, config: string, secret: string | null): OidcProviderView {
    return { id, ...(JSON.parse(config) as OidcStored), clientSecretSet: Boolean(secret), redirectUri: this.redirectUri() };
  }
}
