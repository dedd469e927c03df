import type { Profile, SaveProfileRequest } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { profileId } from './identity.service.js';
import type { ProfileLookup } from './role-mapping.js';
import type { ProfileRow, ProfilesRepository } from './profiles.repository.js';

const toProfile = (row: ProfileRow): Profile => ({
  id: row.id,
  name: row.name,
  builtin: row.builtin === 1,
  superAdmin: row.super_admin === 1,
  permissions: Object.fromEntries(row.permissions.map((p) => [p.feature, p.level])),
  users: row.users,
});

/** Profiles: the three built-in ones (read-only, Medulla's mapping) and custom ones, which only a Super-Admin changes. */
export class ProfilesService implements ProfileLookup {
  constructor(private readonly repo: ProfilesRepository) {}

  async list(): Promise<Profile[]> {
    return (await this.repo.list()).map(toProfile);
  }

  async resolveProfile(ref: string): Promise<{ id: string; superAdmin: boolean; name: string }> {
    const lower = ref.toLowerCase();
    const row = (await this.repo.list()).find((p) => p.id === ref || p.name.toLowerCase() === lower);
    if (!row) throw new PonsError('PONS_E_PROFILE_NOT_FOUND', `No profile is called "${ref}".`);
    return { id: row.id, superAdmin: row.super_admin === 1, name: row.name };
  }

  async create(principal: Principal, request: SaveProfileRequest): Promise<Profile> {
    this.assertSuperAdmin(principal);
    const id = `custom-${profileId(request.name).replace(/[^a-z0-9]+/g, '-')}`;
    await this.write(id, request, true);
    return this.get(id);
  }

  async update(principal: Principal, ref: string, request: SaveProfileRequest): Promise<Profile> {
    this.assertSuperAdmin(principal);
    const existing = await this.resolveProfile(ref);
    if ((await this.get(existing.id)).builtin)
      throw new PonsError('PONS_E_VALIDATION', `"${existing.name}" is a built-in profile; create a custom profile instead.`);
    await this.write(existing.id, request, false);
    return this.get(existing.id);
  }

  async delete(principal: Principal, ref: string): Promise<Profile> {
    this.assertSuperAdmin(principal);
    const profile = await this.get((await this.resolveProfile(ref)).id);
    if (profile.builtin) throw new PonsError('PONS_E_VALIDATION', `"${profile.name}" is a built-in profile and cannot be deleted.`);
    if (profile.users > 0)
      throw new PonsError(
        'PONS_E_PROFILE_IN_USE',
        `"${profile.name}" is held by ${profile.users} user(s); give them another profile first.`,
      );
    await this.repo.delete(profile.id);
    return profile;
  }

  private async get(id: string): Promise<Profile> {
    const row = (await this.repo.list()).find((p) => p.id === id);
    if (!row) throw new PonsError('PONS_E_PROFILE_NOT_FOUND', 'No profile has this id.');
    return toProfile(row);
  }

  private async write(id: string, request: SaveProfileRequest, isNew: boolean): Promise<void> {
    const permissions = Object.entries(request.permissions).flatMap(([feature, level]) =>
      typeof level === 'string' ? [{ feature, level }] : [],
    );
    try {
      await this.repo.save({ id, name: request.name, builtin: 0, super_admin: 0 }, permissions, isNew);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PonsError('PONS_E_CONFLICT', `A profile is already called "${request.name}".`);
      throw error;
    }
  }

  private assertSuperAdmin(principal: Principal): void {
    if (!principal.superAdmin) throw new PonsError('PONS_E_FORBIDDEN', 'Only a Super-Admin of the root entity manages profiles.');
  }
}
