import { useState, type FormEvent } from 'react';
import type { EntityDetail } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { entityChanges, parentChoices, type EntityRow } from './entity-tree.js';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isRoot = entity !== null && entity.parentId === null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (entity === null) {
        await adminApi.createEntity({ name: name.trim(), ...(parent ? { parent } : {}) });
        setName('');
      } else {
        const changes = entityChanges(entity, name, isRoot ? '' : parent);
        if (changes) await adminApi.updateEntity(entity.id, changes);
      }
      onSaved();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="entity-form-title">
      <h3 id="entity-form-title">{entity ? `Edit ${entity.name}` : 'New entity'}</h3>
      {error && <Alert>{error}</Alert>}
      <div className="form-row">
        <label className="grow">
          Entity name
          <input name="entity-name" required maxLength={128} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {!isRoot && (
          <label>
            Parent entity
            <select name="parent" value={parent} onChange={(e) => setParent(e.target.value)}>
              {parentChoices(rows, entity?.id ?? null).map((row) => (
                <option key={row.id} value={row.id}>
                  {'\u00a0\u00a0'.repeat(row.depth) + row.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {entity ? 'Save entity' : 'Create entity'}
        </button>
        {entity && (
          <button type="button" className="ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
