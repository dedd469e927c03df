import { useCallback, useEffect, useState } from 'react';
import type { EntityDetail } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { useTitle } from '../ui/use-title.js';
import { EntityForm } from './entity-form.js';
import { EntityTable } from './entity-table.js';
import { entityRows, type EntityRow } from './entity-tree.js';

/** The entity tree: machines and sub-entities per entity; create, rename, move and delete. */
export function EntitiesSection({ canChange }: { canChange: boolean }) {
  const [rows, setRows] = useState<EntityRow[] | null>(null);
  const [editing, setEditing] = useState<EntityDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useTitle('Entities');

  const load = useCallback(() => {
    adminApi.entities().then(
      (result) => setRows(entityRows(result.items)),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  useEffect(load, [load]);

  function saved() {
    setEditing(null);
    load();
  }

  async function remove(entity: EntityDetail) {
    setError(null);
    try {
      await adminApi.deleteEntity(entity.id);
      if (editing?.id === entity.id) setEditing(null);
      load();
    } catch (failure) {
      // The server says why it refuses: machines, sub-entities or packages still in it.
      setError(errorMessage(failure));
    }
  }

  return (
    <section aria-labelledby="entities-title">
      <h2 id="entities-title" className="section-title">
        Entities
      </h2>
      <p className="lead">
        Entities hold machines, packages and users' roles. A profile held on an entity applies to its sub-entities too.
      </p>
      {error && <Alert>{error}</Alert>}
      {canChange && rows && (
        <EntityForm key={editing?.id ?? 'new'} rows={rows} entity={editing} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      <EntityTable rows={rows} canChange={canChange} onEdit={setEditing} onDelete={remove} />
    </section>
  );
}
