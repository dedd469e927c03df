import type { RemoteSettings } from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/access.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityTree } from '../identity/index.js';
import { RemoteSettingsRepository } from './remote-settings.repository.js';

/**
 * Whether remote sessions on an entity's machines ask the logged-in user first (Medulla's VNC
 * permission setting). An entity without its own setting follows its parent; the root defaults to no.
 */
export class RemoteSettingsService {
  private readonly repo: RemoteSettingsRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly entities: () => Promise<EntityTree>,
  ) {
    this.repo = new RemoteSettingsRepository(db);
  }

  async consentRequired(entityId: string): Promise<boolean> {
    const [tree, rows] = await Promise.all([this.entities(), this.repo.all()]);
    const own = new Map(rows.map((r) => [r.entity_id, r.consent_required === 1]));
    for (let id: string | null | undefined = entityId; id; id = tree.get(id)?.parentId) {
      const value = own.get(id);
      if (value !== undefined) return value;
    }
    return false;
  }

  async get(principal: Principal, ref: string): Promise<RemoteSettings> {
    const entity = (await this.entities()).resolve(ref);
    this.assertVisible(principal, entity.id, 'ro');
    return { consentRequired: await this.consentRequired(entity.id) };
  }

  async put(principal: Principal, ref: string, settings: RemoteSettings): Promise<RemoteSettings & { id: string; name: string }> {
    const entity = (await this.entities()).resolve(ref);
    this.assertVisible(principal, entity.id, 'rw');
    await this.repo.put({
      entity_id: entity.id,
      consent_required: settings.consentRequired ? 1 : 0,
      updated_at: this.clock.now(),
      updated_by: principal.username,
    });
    return { id: entity.id, name: entity.name, consentRequired: settings.consentRequired };
  }

  private assertVisible(principal: Principal, entityId: string, level: 'ro' | 'rw'): void {
    const scope = principal.scope('admin', level);
    if (scope !== 'all' && !scope.has(entityId))
      throw new PonsError('PONS_E_ENTITY_NOT_FOUND', 'No such entity among those you administer.');
  }
}
