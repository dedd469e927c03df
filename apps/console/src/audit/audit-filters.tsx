import type { AuditLogOutcome, Entity } from '@pons/protocol';
import { entityOptions } from '../enrollment/entity-options.js';
import { EntityOptions } from '../ui/entity-options.js';
import { TextField } from '../ui/text-field.js';
import { bindFields } from '../ui/use-form.js';
import { daysInOrder, type AuditFilters } from './audit-query.js';

interface Props {
  filters: AuditFilters;
  entities: Entity[];
  onChange: (changes: Partial<AuditFilters>) => void;
  onClear: () => void;
}

export function AuditFilterBar({ filters, entities, onChange, onClear }: Props) {
  const field = bindFields(filters, onChange);
  return (
    <form className="panel filter-bar" role="search" aria-label="Audit log filters" onSubmit={(event) => event.preventDefault()}>
      <div className="form-row">
        <TextField label="Search" type="search" className="grow" placeholder="Actor, object or action" maxLength={200} {...field('q')} />
        <TextField label="Action" placeholder="e.g. auth. or user.create" maxLength={100} {...field('action')} />
        <TextField label="Actor" placeholder="User name" maxLength={128} {...field('actor')} />
        <label>
          Outcome
          <select value={filters.outcome} onChange={(e) => onChange({ outcome: e.target.value as AuditLogOutcome | '' })}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </label>
        <label>
          Entity
          <select value={filters.entity} onChange={(e) => onChange({ entity: e.target.value })}>
            <option value="">Any entity</option>
            <EntityOptions entities={entityOptions(entities)} />
          </select>
        </label>
        <TextField label="From date" type="date" {...field('from')} />
        <TextField
          label="To date"
          type="date"
          value={filters.to}
          aria-invalid={!daysInOrder(filters)}
          onChange={(to) => onChange({ to })}
        />
        <button type="button" className="ghost" onClick={onClear}>
          Clear filters
        </button>
      </div>
      {!daysInOrder(filters) && <p className="field-error">The “to” date comes before the “from” date: nothing can match.</p>}
    </form>
  );
}
