import type { BruteForceGuard } from '../../platform/brute-force.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretsBox } from '../../platform/crypto/secrets-box.js';
import type { Db } from '../../platform/db/database.js';
import type { AuditSink } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import type { Logger } from '../../platform/logger.js';
import { accountRoutes } from './account.routes.js';
import { adminRoutes } from './admin.routes.js';
import { ApiTokensService } from './api-tokens.service.js';
import { authRoutes } from './auth.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { CredentialsRepository } from './credentials.repository.js';
import { DirectoryLogin } from './directory-login.js';
import { DirectorySettings } from './directory-settings.js';
import { EntitiesRepository } from './entities.repository.js';
import { EntitiesService } from './entities.service.js';
import { IdentityRepository } from './identity.repository.js';
import { IdentityService } from './identity.service.js';
import { LoginService } from './login.service.js';
import { OidcLogin } from './oidc-login.js';
import { PasswordChange } from './password-change.js';
import { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';
import { SecondFactor } from './second-factor/second-factor.service.js';
import { SessionService, type SessionPolicy } from './sessions.js';
import { settingsRoutes } from './settings.routes.js';
import { SettingsRepository } from './settings.repository.js';
import { usersRoutes } from './users.routes.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

export interface IdentityOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  guard: BruteForceGuard;
  audit: AuditSink;
  secrets: SecretsBox;
  sessions: SessionPolicy;
  /** The server's public URL, for the OIDC redirect URI (known once it listens). */
  publicUrl: () => string;
  onPasswordChanged: (username: string) => void;
}

export interface IdentityModule {
  identity: IdentityService;
  /** The request authenticator (sessions, CLI bearers, API tokens). */
  sessions: SessionService;
  routes(app: App): void;
}

/** Builds the identity module's parts: who users are, how they log in, what they may do. */
export function buildIdentity(o: IdentityOptions): IdentityModule {
  const repo = new IdentityRepository(o.db);
  const users = new UsersRepository(o.db);
  const credentials = new CredentialsRepository(o.db);
  const identity = new IdentityService(repo, o.clock, o.log);
  const settings = new DirectorySettings(
    new SettingsRepository(o.db),
    o.secrets,
    o.clock,
    { idleTimeoutMs: o.sessions.idleTimeoutMs },
    o.publicUrl,
  );
  const sessions = new SessionService(credentials, identity, o.clock, o.sessions, () => settings.idleTimeoutMs(), o.guard);
  const profiles = new ProfilesService(new ProfilesRepository(o.db));
  const secondFactor = new SecondFactor(users, o.secrets, o.clock);
  const directory = new DirectoryLogin(settings, repo, users, identity, profiles, o.clock);
  const login = new LoginService({
    identity,
    repo,
    users,
    credentials,
    sessions,
    secondFactor,
    directory,
    guard: o.guard,
    audit: o.audit,
    clock: o.clock,
    log: o.log,
  });
  const passwords = new PasswordChange(repo, o.guard, sessions, o.log, o.onPasswordChanged);
  const oidc = new OidcLogin(settings, credentials, repo, users, identity, profiles, login, o.clock);
  const entities = new EntitiesService(new EntitiesRepository(o.db), identity, o.clock);
  const userAdmin = new UsersService(users, identity, profiles, sessions, secondFactor, o.clock);
  const tokens = new ApiTokensService(credentials, identity, o.clock);
  return {
    identity,
    sessions,
    routes(app) {
      authRoutes(app, { identity, login, passwords, sessions, settings, now: () => o.clock.now() });
      oidcRoutes(app, { oidc, now: () => o.clock.now() });
      accountRoutes(app, { repo, secondFactor, tokens });
      adminRoutes(app, { identity, entities, profiles });
      usersRoutes(app, userAdmin);
      settingsRoutes(app, settings, oidc);
    },
  };
}
