import { randomUUID } from 'node:crypto';
import type { CreateEntityRequest, Entity, EntityDetail, UpdateEntityRequest } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { EntitiesRepository } from './entities.repository.js';
import type { IdentityService } from './identity.service.js';
import { inScope } from './principal.js';

const HOLDERS: Record<string, string> = {
  entities: 'sub-entities',
  machines: 'machines',
  packages: 'packages',
  machine_groups: 'groups',
  enrollment_tokens: 'enrollment tokens',
};

/** The entity tree: an administrator changes the part below the entities they hold `admin` read-write on. */
export class EntitiesService {
  constructor(
    private readonly repo: EntitiesRepository,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal): Promise<EntityDetail[]> {
    const scope = principal.scope('admin', 'ro');
    const tree = await this.identity.entityTree();
    const counts = await this.repo.machineCounts();
    const all = tree.all();
    return all
      .filter((e) => inScope(scope, e.id))
      .map((e) => ({ ...e, machines: counts.get(e.id) ?? 0, children: all.filter((c) => c.parentId === e.id).length }));
  }

  async create(principal: Principal, request: CreateEntityRequest): Promise<EntityDetail> {
    const tree = await this.identity.entityTree();
    const parent = tree.resolve(request.parent ?? 'root');
    this.assertAdmin(principal, parent, 'create an entity under');
    const id = randomUUID();
    await this.write(request.name, () => this.repo.create({ id, name: request.name, parent_id: parent.id, created_at: this.clock.now() }));
    return this.detail(principal, id);
  }

  async update(principal: Principal, ref: string, request: UpdateEntityRequest): Promise<{ before: Entity; after: EntityDetail }> {
    const tree = await this.identity.entityTree();
    const entity = tree.resolve(ref);
    this.assertAdmin(principal, entity, 'change');
    const patch: { name?: string; parent_id?: string } = {};
    if (request.name !== undefined) patch.name = request.name;
    if (request.parent !== undefined) {
      if (entity.id === 'root') throw new PonsError('PONS_E_VALIDATION', 'The root entity has no parent.');
      const parent = tree.resolve(request.parent);
      this.assertAdmin(principal, parent, 'move an entity under');
      if (tree.subtree(entity.id).includes(parent.id))
        throw new PonsError(
          'PONS_E_VALIDATION',
          `"${parent.name}" is "${entity.name}" or below it; an entity cannot be moved under itself.`,
        );
      patch.parent_id = parent.id;
    }
    await this.write(request.name ?? entity.name, () => this.repo.update(entity.id, patch));
    return { before: entity, after: await this.detail(principal, entity.id) };
  }

  async delete(principal: Principal, ref: string): Promise<Entity> {
    const entity = (await this.identity.entityTree()).resolve(ref);
    if (entity.id === 'root') throw new PonsError('PONS_E_VALIDATION', 'The root entity cannot be deleted.');
    this.assertAdmin(principal, entity, 'delete');
    const holder = await this.repo.deleteIfEmpty(entity.id);
    this.identity.forgetTree();
    if (holder)
      throw new PonsError(
        'PONS_E_ENTITY_NOT_EMPTY',
        `"${entity.name}" still holds ${HOLDERS[holder] ?? holder}; move or delete them first.`,
      );
    return entity;
  }

  private async detail(principal: Principal, id: string): Promise<EntityDetail> {
    const found = (await this.list(principal)).find((e) => e.id === id);
    if (!found) throw new PonsError('PONS_E_ENTITY_NOT_FOUND', 'No entity has this id.');
    return found;
  }

  private async write(name: string, change: () => Promise<void>): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (isUniqueViolation(error)) throw new PonsError('PONS_E_ENTITY_EXISTS', `An entity is already called "${name}".`);
      throw error;
    }
    this.identity.forgetTree();
  }

  private assertAdmin(principal: Principal, entity: Entity, what: string): void {
    if (!inScope(principal.scope('admin', 'rw'), entity.id))
      throw new PonsError('PONS_E_FORBIDDEN', `You cannot ${what} "${entity.name}": you do not administer it.`);
  }
}
