import { useState, type FormEvent } from 'react';
import type { EntityDetail } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { EntityOptions } from '../ui/entity-options.js';
import { FormErrors } from '../ui/form-errors.js';
import { CancelButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';
import { entityChanges, parentChoices, type EntityRow } from './entity-tree.js';
import { RemoteConsent } from './remote-consent.js';

interface Props {
  rows: EntityRow[];
  /** The entity being edited; null to create one. */
  entity: EntityDetail | null;
  onSaved: () => void;
  onCancel: () => void;
}

/** A new entity under a parent, or an entity renamed and moved. */
export function EntityForm({ rows, entity, onSaved, onCancel }: Props) {
  const [name, setName] = useState(entity?.name ?? '');
  const [parent, setParent] = useState(entity?.parentId ?? rows[0]?.id ?? '');
  const { busy, errors, run } = useSubmit();
  const isRoot = entity !== null && entity.parentId === null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      if (entity === null) {
        await adminApi.createEntity({ name: name.trim(), ...(parent ? { parent } : {}) });
        setName('');
      } else {
        const changes = entityChanges(entity, name, isRoot ? '' : parent);
        if (changes) await adminApi.updateEntity(entity.id, changes);
      }
      onSaved();
    });
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="entity-form-title">
      <h3 id="entity-form-title">{entity ? `Edit ${entity.name}` : 'New entity'}</h3>
      <FormErrors errors={errors} />
      <div className="form-row">
        <TextField label="Entity name" className="grow" name="entity-name" required maxLength={128} value={name} onChange={setName} />
        {!isRoot && (
          <label>
            Parent entity
            <select name="parent" value={parent} onChange={(e) => setParent(e.target.value)}>
              <EntityOptions entities={parentChoices(rows, entity?.id ?? null)} />
            </select>
          </label>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {entity ? 'Save entity' : 'Create entity'}
        </button>
        {entity && <CancelButton busy={busy} onClick={onCancel} />}
      </div>
      {entity && <RemoteConsent entityId={entity.id} />}
    </form>
  );
}
