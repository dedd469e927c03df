import { useEffect, useState } from 'react';
import type { Entity } from '@pons/protocol';
import { api } from '../api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { can } from '../auth/permissions.js';
import { canOnEntity } from './remote-access.js';

/**
 * Whether the user may open remote sessions on a machine of `entityId` (`remote` read-write there
 * or above). A grant on the entity itself or a super-admin decides at once; otherwise the entity
 * tree is fetched to look at its parents. Only hides buttons: the server checks every request.
 */
export function useRemoteAccess(entityId: string): boolean {
  const { user } = useCurrentSession();
  const direct = canOnEntity(user, 'remote', 'rw', entityId, []);
  const anywhere = can(user, 'remote', 'rw');
  const [entities, setEntities] = useState<Entity[] | null>(null);
  useEffect(() => {
    if (direct || !anywhere) return;
    let current = true;
    api.entities().then(
      (result) => current && setEntities(result.items),
      () => current && setEntities([]),
    );
    return () => {
      current = false;
    };
  }, [direct, anywhere]);
  if (direct) return true;
  return anywhere && entities !== null && canOnEntity(user, 'remote', 'rw', entityId, entities);
}
