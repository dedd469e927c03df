import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { PonsError } from '../../platform/errors.js';
import type { DirectorySettings } from './directory-settings.js';
import type { IdentityRepository } from './identity.repository.js';
import type { IdentityService } from './identity.service.js';
import { LdapDirectory, LdapError, normalizeDn, type LdapUser } from './ldap/ldap-directory.js';
import { mappedTargets, resolveRoles, type ProfileLookup } from './role-mapping.js';
import { userRow, type UsersRepository } from './users.repository.js';

/** Stages at which the user, not the directory, is at fault: the password or the name is wrong. */
const USER_STAGES = new Set(['user-not-found', 'user-ambiguous', 'user-bind']);

/**
 * LDAP / Active Directory login: the directory checks the password, its groups give the profiles
 * (replaced at every login: the directory is the source of truth), and the user is provisioned
 * on the first login.
 */
export class DirectoryLogin {
  constructor(
    private readonly settings: DirectorySettings,
    private readonly repo: IdentityRepository,
    private readonly users: UsersRepository,
    private readonly identity: IdentityService,
    private readonly profiles: ProfileLookup,
    private readonly clock: Clock,
  ) {}

  async enabled(): Promise<boolean> {
    return (await this.settings.ldapView())?.enabled === true;
  }

  /** The Pons user id of a directory user whose password the directory accepted. */
  async login(username: string, password: string): Promise<string> {
    const settings = await this.settings.ldapWithSecret();
    if (!settings?.enabled) throw new PonsError('PONS_E_INVALID_CREDENTIALS', 'The user name or the password is wrong.');
    let found: LdapUser;
    try {
      found = await new LdapDirectory(settings).authenticate(username, password);
    } catch (error) {
      if (error instanceof LdapError && USER_STAGES.has(error.stage))
        throw new PonsError('PONS_E_INVALID_CREDENTIALS', 'The user name or the password is wrong.');
      const message = error instanceof Error ? error.message : String(error);
      throw new PonsError('PONS_E_LDAP', `The directory could not check this login: ${message}`);
    }
    const mappings = settings.groupMappings.map((m) => ({ key: normalizeDn(m.group), entity: m.entity, profile: m.profile }));
    const targets = mappedTargets(found.groups.map(normalizeDn), mappings, settings.defaultRole, 'directory');
    const roles = await resolveRoles(targets, await this.identity.entityTree(), this.profiles);
    const name = found.username || username;
    const patch = { given_name: found.givenName, sn: found.sn, mail: found.mail, external_id: found.dn };
    const existing = (await this.users.findByExternal('ldap', found.dn)) ?? (await this.repo.findUserByName(name));
    if (existing && existing.source !== 'ldap') {
      throw new PonsError(
        'PONS_E_CONFLICT',
        `A ${existing.source} account is already called "${name}"; an administrator must rename one of them.`,
      );
    }
    if (existing) {
      await this.users.replaceRoles(existing.id, roles, patch);
      return existing.id;
    }
    const id = randomUUID();
    await this.repo.createUser(userRow({ id, username: name, created_at: this.clock.now(), source: 'ldap', ...patch }), roles);
    return id;
  }
}
