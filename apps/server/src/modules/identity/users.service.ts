import { randomUUID } from 'node:crypto';
import type { CreateUserRequest, RoleAssignment, UpdateUserRequest, UserSummary } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { UsersTable } from '../../platform/db/tables.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityScope, Principal } from '../../platform/http/access.js';
import type { IdentityService } from './identity.service.js';
import { assertPasswordPolicy, hashPassword } from './password.js';
import { inScope } from './principal.js';
import type { ProfilesService } from './profiles.service.js';
import type { SecondFactor } from './second-factor/second-factor.service.js';
import type { SessionService } from './sessions.js';
import { userRow, type RoleRef, type UserPatch, type UsersRepository } from './users.repository.js';

type RoleView = UserSummary['roles'][number];

/**
 * User administration. An administrator sees the users holding a role in their `admin` entities,
 * and changes only users whose every role (before and after) lies within the entities where
 * they hold `admin` read-write; only a Super-Admin hands out the Super-Admin profile.
 */
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly identity: IdentityService,
    private readonly profiles: ProfilesService,
    private readonly sessions: SessionService,
    private readonly secondFactor: SecondFactor,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal): Promise<UserSummary[]> {
    const scope = principal.scope('admin', 'ro');
    const [users, roles] = [await this.repo.listUsers(), await this.repo.allRoles()];
    return users
      .map((u) =>
        toSummary(
          u,
          roles.filter((r) => r.user_id === u.id),
        ),
      )
      .filter((u) => scope === 'all' || u.roles.some((r) => inScope(scope, r.entityId)));
  }

  async get(principal: Principal, id: string): Promise<UserSummary> {
    const user = (await this.list(principal)).find((u) => u.id === id || u.username === id);
    if (!user) throw new PonsError('PONS_E_USER_NOT_FOUND', `No user "${id}" is visible to you.`);
    return user;
  }

  async create(principal: Principal, request: CreateUserRequest): Promise<UserSummary> {
    assertPasswordPolicy(request.password, request.username);
    const roles = await this.roleRows(principal, request.roles);
    const id = randomUUID();
    const row = userRow({
      id,
      username: request.username,
      created_at: this.clock.now(),
      password_hash: await hashPassword(request.password),
      must_change_password: 1,
      given_name: request.givenName ?? null,
      sn: request.sn ?? null,
      mail: request.mail ?? null,
    });
    try {
      await this.identity.createUser(row, roles);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PonsError('PONS_E_USER_EXISTS', `A user is already called "${request.username}".`);
      throw error;
    }
    return this.get(principal, id);
  }

  async update(principal: Principal, id: string, request: UpdateUserRequest): Promise<UserSummary> {
    const user = await this.changeable(principal, id);
    const patch: UserPatch = {};
    if (request.givenName !== undefined) patch.given_name = request.givenName;
    if (request.sn !== undefined) patch.sn = request.sn;
    if (request.mail !== undefined) patch.mail = request.mail;
    if (request.disabled !== undefined) {
      if (request.disabled && user.id === principal.userId)
        throw new PonsError('PONS_E_VALIDATION', 'You cannot disable your own account.');
      patch.disabled = request.disabled ? 1 : 0;
    }
    if (request.password !== undefined) {
      if (user.source !== 'local') throw new PonsError('PONS_E_VALIDATION', `${user.username}'s password is kept by its directory.`);
      assertPasswordPolicy(request.password, user.username);
      patch.password_hash = await hashPassword(request.password);
      patch.must_change_password = 1;
    }
    if (request.roles) await this.repo.replaceRoles(user.id, await this.roleRows(principal, request.roles), patch);
    else await this.repo.updateUser(user.id, patch);
    if (request.resetSecondFactor) await this.secondFactor.reset(user.id);
    if (request.disabled || request.password !== undefined) await this.sessions.endAll(user.id);
    return this.get(principal, user.id);
  }

  async delete(principal: Principal, id: string): Promise<UserSummary> {
    const user = await this.changeable(principal, id);
    if (user.id === principal.userId) throw new PonsError('PONS_E_VALIDATION', 'You cannot delete your own account.');
    await this.repo.deleteUser(user.id);
    return user;
  }

  async logoutEverywhere(principal: Principal, id: string): Promise<{ user: UserSummary; ended: number }> {
    const user = await this.changeable(principal, id);
    return { user, ended: await this.sessions.endAll(user.id) };
  }

  /** The user, if the caller may change them: every current role within the caller's `admin` rw entities. */
  private async changeable(principal: Principal, id: string): Promise<UserSummary> {
    const user = await this.get(principal, id);
    const scope = principal.scope('admin', 'rw');
    if (!user.roles.every((r) => inScope(scope, r.entityId)) || (user.roles.length === 0 && scope !== 'all'))
      throw new PonsError('PONS_E_FORBIDDEN', `${user.username} holds roles outside the entities you administer.`);
    const superAdmin = await this.profiles.resolveProfile('Super-Admin');
    if (user.roles.some((r) => r.profileId === superAdmin.id) && !principal.superAdmin)
      throw new PonsError('PONS_E_FORBIDDEN', 'Only a Super-Admin changes a Super-Admin.');
    return user;
  }

  private async roleRows(principal: Principal, roles: RoleAssignment[]): Promise<RoleRef[]> {
    const tree = await this.identity.entityTree();
    const scope: EntityScope = principal.scope('admin', 'rw');
    const out = new Map<string, RoleRef>();
    for (const role of roles) {
      const entity = tree.resolve(role.entity);
      if (!inScope(scope, entity.id)) throw new PonsError('PONS_E_FORBIDDEN', `You do not administer the entity "${entity.name}".`);
      const profile = await this.profiles.resolveProfile(role.profile);
      if (profile.superAdmin && !principal.superAdmin)
        throw new PonsError('PONS_E_FORBIDDEN', 'Only a Super-Admin hands out the Super-Admin profile.');
      if (out.has(entity.id))
        throw new PonsError('PONS_E_VALIDATION', `A user holds one profile per entity; "${entity.name}" is given twice.`);
      out.set(entity.id, { entity_id: entity.id, profile_id: profile.id });
    }
    return [...out.values()];
  }
}

function toSummary(u: UsersTable, roles: Array<RoleRef & { entity_name: string; profile_name: string }>): UserSummary {
  return {
    id: u.id,
    username: u.username,
    source: u.source === 'ldap' || u.source === 'oidc' ? u.source : 'local',
    givenName: u.given_name,
    sn: u.sn,
    mail: u.mail,
    disabled: u.disabled === 1,
    totpEnabled: Boolean(u.totp_secret),
    createdAt: Number(u.created_at),
    lastLoginAt: u.last_login_at === null ? null : Number(u.last_login_at),
    roles: roles.map((r): RoleView => ({
      entityId: r.entity_id,
      entityName: r.entity_name,
      profileId: r.profile_id,
      profileName: r.profile_name,
    })),
  };
}
