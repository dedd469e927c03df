import { useMemo, useState } from 'react';
import type { EntityDetail } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { Alert } from '../ui/alert.js';
import { useList } from '../ui/use-list.js';
import { useTitle } from '../ui/use-title.js';
import { EntityForm } from './entity-form.js';
import { EntityTable } from './entity-table.js';
import { entityRows } from './entity-tree.js';

/** The entity tree: machines and sub-entities per entity; create, rename, move and delete. */
export function EntitiesSection({ canChange }: { canChange: boolean }) {
  const entities = useList(adminApi.entities);
  const rows = useMemo(() => entities.items && entityRows(entities.items), [entities.items]);
  const [editing, setEditing] = useState<EntityDetail | null>(null);
  useTitle('Entities');

  function saved() {
    setEditing(null);
    entities.load();
  }

  // The server says why it refuses: machines, sub-entities or packages still in it.
  const remove = (entity: EntityDetail) =>
    entities.change(async () => {
      await adminApi.deleteEntity(entity.id);
      if (editing?.id === entity.id) setEditing(null);
    });

  return (
    <section aria-labelledby="entities-title">
      <h2 id="entities-title" className="section-title">
        Entities
      </h2>
      <p className="lead">
        Entities hold machines, packages and users' roles. A profile held on an entity applies to its sub-entities too.
      </p>
      {entities.error && <Alert>{entities.error}</Alert>}
      {canChange && rows && (
        <EntityForm key={editing?.id ?? 'new'} rows={rows} entity={editing} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      <EntityTable rows={rows} canChange={canChange} onEdit={setEditing} onDelete={remove} />
    </section>
  );
}
