import { useEffect, useState, type FormEvent } from 'react';
import type { Entity } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { api, errorMessage } from '../api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { can, entitiesWith } from '../auth/permissions.js';
import { entityOptions } from '../enrollment/entity-options.js';
import { Alert } from '../ui/alert.js';

interface Props {
  machineId: string;
  entityId: string;
  onMoved: () => void;
}

/** Moves the machine to another entity; only for users who may change the inventory. */
export function MoveMachine(props: Props) {
  const { user } = useCurrentSession();
  return can(user, 'inventory', 'rw') ? <MoveForm {...props} /> : null;
}

function MoveForm({ machineId, entityId, onMoved }: Props) {
  const { user } = useCurrentSession();
  const [entities, setEntities] = useState<Entity[]>([]);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    api.entities().then(
      (result) => setEntities(result.items),
      (failure: unknown) => setMessage({ kind: 'error', text: errorMessage(failure) }),
    );
  }, []);
  // Where the user may change the inventory: the server checks both the old and the new entity.
  const options = entityOptions(entitiesWith(user, 'inventory', 'rw', entities));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    setMessage(null);
    try {
      await adminApi.moveMachines({ machines: [machineId], entity: target });
      const name = entities.find((e) => e.id === target)?.name ?? 'the entity';
      setMessage({ kind: 'success', text: `Moved to ${name}.` });
      setTarget('');
      onMoved();
    } catch (failure) {
      setMessage({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel move-machine" onSubmit={(event) => void submit(event)} aria-label="Move to another entity">
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="form-row">
        <label>
          Move to entity
          <select name="entity" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose…</option>
            {options.map((option) => (
              <option key={option.id} value={option.id} disabled={option.id === entityId}>
                {'\u00a0\u00a0'.repeat(option.depth) + option.name + (option.id === entityId ? ' (current)' : '')}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !target}>
          {busy ? 'Moving…' : 'Move'}
        </button>
      </div>
    </form>
  );
}
