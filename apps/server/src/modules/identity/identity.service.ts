import { randomUUID } from 'node:crypto';
import { BuiltinProfiles, defaultProfileGrants, Features, type AccessLevel, type CurrentUser, type Feature } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { UsersTable } from '../../platform/db/tables.js';
import type { Logger } from '../../platform/logger.js';
import { EntityTree } from './entity-tree.js';
import type { IdentityRepository } from './identity.repository.js';
import { generatePassword, hashPassword } from './password.js';
import { buildPrincipal, type RoleGrant } from './principal.js';
import { userRow } from './users.repository.js';

export const profileId = (name: string) => name.toLowerCase();

/**
 * Who a user is and what they may do: built-in profiles, the bootstrap admin, the entity tree,
 * and the principal (per-entity rights) of a user.
 */
export class IdentityService {
  private tree: { value: EntityTree; at: number } | null = null;

  constructor(
    private readonly repo: IdentityRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}
  /** Keeps the built-in profiles' permissions equal to Medulla's default mapping. */
  async ensureBuiltinProfiles(): Promise<void> {
    for (const name of BuiltinProfiles) {
      const grants = defaultProfileGrants[name];
      const permissions = Features.flatMap((feature) => (grants[feature] ? [{ feature, level: grants[feature] }] : []));
      await this.repo.upsertBuiltinProfile(
        { id: profileId(name), name, builtin: 1, super_admin: name === 'Super-Admin' ? 1 : 0 },
        permissions,
      );
    }
  }

  /** Creates the `admin` Super-Admin on first start; returns its one-time password, or null. */
  async ensureBootstrapAdmin(): Promise<string | null> {
    if ((await this.repo.countUsers()) > 0) return null;
    const password = generatePassword();
    const created = this.repo.createUser(
      userRow({
        id: randomUUID(),
        username: 'admin',
        password_hash: await hashPassword(password),
        must_change_password: 1,
        created_at: this.clock.now(),
      }),
      [{ entity_id: 'root', profile_id: profileId('Super-Admin') }],
    );
    try {
      await created;
    } catch (error) {
      // Another node created it at the same moment: that one prints the password.
      if ((await this.repo.countUsers()) > 0) return null;
      throw error;
    }
    this.log.info('created the bootstrap Super-Admin "admin"; it must choose a new password at first login');
    return password;
  }

  async entityTree(): Promise<EntityTree> {
    const now = this.clock.now();
    if (this.tree && now - this.tree.at < 2_000) return this.tree.value;
    const rows = await this.repo.listEntities();
    const value = new EntityTree(rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id })));
    this.tree = { value, at: now };
    return value;
  }

  createUser(row: UsersTable, roles: Array<{ entity_id: string; profile_id: string }>): Promise<void> {
    return this.repo.createUser(row, roles);
  }

  /** After a change of the tree, so that this node sees it at once (others within 2 s). */
  forgetTree(): void {
    this.tree = null;
  }

  async principalFor(
    userId: string,
    session: { sessionId: string; via: 'cookie' | 'bearer'; csrfToken: string },
  ): Promise<Principal | null> {
    const user = await this.repo.findUserById(userId);
    if (!user || user.disabled) return null;
    const roles = await this.roleGrants(user.id);
    return buildPrincipal(
      { userId: user.id, username: user.username, passwordChangeRequired: user.must_change_password === 1, ...session, roles },
      await this.entityTree(),
    );
  }

  private async roleGrants(userId: string): Promise<Array<RoleGrant & { entityName: string; profileName: string }>> {
    const roles = await this.repo.rolesOf(userId);
    const permissions = await this.repo.permissionsOf([...new Set(roles.map((r) => r.profile_id))]);
    return roles.map((role) => ({
      entityId: role.entity_id,
      entityName: role.entity_name,
      profileName: role.profile_name,
      superAdmin: role.super_admin === 1,
      permissions: Object.fromEntries(permissions.filter((p) => p.profile_id === role.profile_id).map((p) => [p.feature, p.level])),
    }));
  }

  async describe(principal: Principal | null): Promise<CurrentUser> {
    if (!principal) throw new PonsError('PONS_E_UNAUTHENTICATED', 'Log in first.');
    const roles = await this.roleGrants(principal.userId);
    const user = await this.repo.findUserById(principal.userId);
    return {
      id: principal.userId,
      username: principal.username,
      superAdmin: principal.superAdmin,
      passwordChangeRequired: principal.passwordChangeRequired,
      source: user?.source === 'ldap' || user?.source === 'oidc' ? user.source : 'local',
      totpEnabled: Boolean(user?.totp_secret),
      grants: roles.map((r) => ({
        entityId: r.entityId,
        entityName: r.entityName,
        profile: r.profileName,
        permissions: r.permissions as Record<Feature, AccessLevel>,
      })),
    };
  }
}
