import { useState, type FormEvent } from 'react';
import { adminApi } from '../admin-api.js';
import { useEntities } from '../admin/use-choices.js';
import { useCurrentSession } from '../auth/current-user.js';
import { can, entitiesWith } from '../auth/permissions.js';
import { entityOptions } from '../enrollment/entity-options.js';
import { Alert } from '../ui/alert.js';
import { EntityOptions } from '../ui/entity-options.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { useSubmit } from '../ui/use-submit.js';

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
  const [target, setTarget] = useState('');
  const { busy, errors, done, run, fail } = useSubmit();
  const entities = useEntities((message) => fail([message]));

  // Where the user may change the inventory: the server checks both the old and the new entity.
  const options = entityOptions(entitiesWith(user, 'inventory', 'rw', entities));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    await run(async () => {
      await adminApi.moveMachines({ machines: [machineId], entity: target });
      const name = entities.find((e) => e.id === target)?.name ?? 'the entity';
      setTarget('');
      onMoved();
      return `Moved to ${name}.`;
    });
  }

  return (
    <form className="panel move-machine" onSubmit={(event) => void submit(event)} aria-label="Move to another entity">
      <FormErrors errors={errors} />
      {done && <Alert kind="success">{done}</Alert>}
      <div className="form-row">
        <label>
          Move to entity
          <select name="entity" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose…</option>
            <EntityOptions entities={options} current={entityId} />
          </select>
        </label>
        <SubmitButton busy={busy} busyText="Moving…" disabled={busy || !target} primary={false}>
          Move
        </SubmitButton>
      </div>
    </form>
  );
}
