import { randomUUID } from 'node:crypto';
import type { CreateGroupRequest, GroupDetail, GroupSummary } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityScope, Principal } from '../../platform/http/access.js';
import { inScope, type EntityTree } from '../identity/index.js';
import type { MachinesService } from '../machines/index.js';
import { GroupsRepository, type GroupRow } from './groups.repository.js';

const present = (row: GroupRow): GroupSummary => ({
  id: row.id,
  name: row.name,
  entityId: row.entity_id,
  entityName: row.entity_name,
  kind: 'static',
  members: row.members,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/**
 * Static groups of machines: a name in an entity and the machines put in it. Deployments target
 * them, and a converging deployment follows their membership. (Dynamic groups come with search.)
 */
export class GroupsService {
  private readonly repo: GroupsRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly machines: MachinesService,
    private readonly entities: () => Promise<EntityTree>,
  ) {
    this.repo = new GroupsRepository(db);
  }

  async create(principal: Principal, request: CreateGroupRequest): Promise<GroupDetail> {
    const entity = (await this.entities()).resolve(request.entity ?? 'root');
    if (!inScope(principal.scope('groups', 'rw'), entity.id)) {
      throw new PonsError('PONS_E_FORBIDDEN', `You may not create groups in entity "${entity.name}".`);
    }
    const members = request.machines ? await this.machineIds(principal, request.machines) : [];
    const id = randomUUID();
    const now = this.clock.now();
    try {
      await this.repo.insert({ id, name: request.name, entity_id: entity.id, created_at: now, created_by: principal.username });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new PonsError('PONS_E_GROUP_EXISTS', `Entity "${entity.name}" already has a group named "${request.name}".`);
      throw error;
    }
    await this.repo.addMembers(id, members, now);
    return this.detail(principal, id);
  }

  async list(principal: Principal): Promise<GroupSummary[]> {
    return (await this.repo.list(principal.scope('groups', 'ro'))).map(present);
  }

  async detail(principal: Principal, ref: string): Promise<GroupDetail> {
    const group = await this.find(principal.scope('groups', 'ro'), ref);
    return { ...present(group), machines: await this.repo.members(group.id) };
  }

  async add(principal: Principal, ref: string, machines: string[]): Promise<GroupDetail> {
    const group = await this.find(principal.scope('groups', 'rw'), ref);
    await this.repo.addMembers(group.id, await this.machineIds(principal, machines), this.clock.now());
    return this.detail(principal, group.id);
  }

  async remove(principal: Principal, ref: string, machines: string[]): Promise<GroupDetail> {
    const group = await this.find(principal.scope('groups', 'rw'), ref);
    await this.repo.removeMembers(group.id, await this.machineIds(principal, machines));
    return this.detail(principal, group.id);
  }

  async delete(principal: Principal, ref: string): Promise<void> {
    await this.repo.remove((await this.find(principal.scope('groups', 'rw'), ref)).id);
  }

  /** A group visible in `scope` (by id or name), for other modules (deployments). */
  async find(scope: EntityScope, ref: string): Promise<GroupRow> {
    const found = await this.repo.find(ref, scope);
    if (found.length > 1) throw new PonsError('PONS_E_CONFLICT', `Several groups are named "${ref}"; use the group id.`);
    if (!found[0]) throw new PonsError('PONS_E_GROUP_NOT_FOUND', `No group "${ref}" that you may see.`);
    return found[0];
  }

  /** The machines of a group now. */
  async memberIds(groupId: string): Promise<string[]> {
    return (await this.repo.members(groupId)).map((m) => m.id);
  }

  private async machineIds(principal: Principal, refs: string[]): Promise<string[]> {
    return (await this.machines.resolveTargets(principal.scope('groups', 'rw'), { machines: refs })).map((m) => m.id);
  }
}
