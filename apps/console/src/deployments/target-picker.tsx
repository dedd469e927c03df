import { useState } from 'react';
import type { Entity, GroupSummary, MachineSummary, PackageOs } from '@pons/protocol';
import { plural } from '../format.js';
import { entityOptions } from '../enrollment/entity-options.js';
import { matchesSearch } from '../machines/machine-list.js';
import { EntityOptions } from '../ui/entity-options.js';
import type { DeploymentForm, TargetKind } from './deployment-form.js';

interface Props {
  form: DeploymentForm;
  machines: MachineSummary[] | null;
  entities: Entity[];
  /** The groups, or why they cannot be listed. */
  groups: GroupSummary[] | string;
  /** The systems the chosen version has steps for; machines of other systems are marked. */
  packageOs: readonly PackageOs[];
  onChange: (changes: Partial<DeploymentForm>) => void;
}

const KINDS: { kind: TargetKind; label: string }[] = [
  { kind: 'machines', label: 'Machines I choose' },
  { kind: 'group', label: 'A group' },
  { kind: 'entity', label: 'Every machine of an entity' },
  { kind: 'all', label: 'Every machine I may deploy to' },
];

const asPackageOs = (platform: string): string => (platform === 'darwin' ? 'macos' : platform);

/** Which machines get the package: a checklist (with a filter), a group, an entity, or all; and whether it is kept applied. */
export function TargetPicker({ form, machines, entities, groups, packageOs, onChange }: Props) {
  const [filter, setFilter] = useState('');
  const shown = (machines ?? []).filter((m) => matchesSearch(m, filter.trim()));
  const chosen = new Set(form.machines);
  const toggle = (id: string, on: boolean) => onChange({ machines: on ? [...form.machines, id] : form.machines.filter((m) => m !== id) });
  return (
    <fieldset className="panel targets">
      <legend>Targets</legend>
      <div className="form-row">
        {KINDS.map(({ kind, label }) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="targetKind"
              checked={form.targetKind === kind}
              onChange={() => onChange(kind === 'machines' ? { targetKind: kind, converge: false } : { targetKind: kind })}
            />
            {label}
          </label>
        ))}
      </div>
      {form.targetKind === 'group' && typeof groups === 'string' && <p className="field-error">{groups}</p>}
      {form.targetKind === 'group' && typeof groups !== 'string' && (
        <label>
          Group
          <select value={form.group} onChange={(e) => onChange({ group: e.target.value })}>
            <option value="">{groups.length === 0 ? 'No group yet' : 'Choose…'}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name} ({plural(group.members, 'machine')}, {group.entityName})
              </option>
            ))}
          </select>
        </label>
      )}
      {form.targetKind === 'entity' && (
        <label>
          Entity <span className="muted">(and its sub-entities)</span>
          <select value={form.entity} onChange={(e) => onChange({ entity: e.target.value })}>
            <option value="">Choose…</option>
            <EntityOptions entities={entityOptions(entities)} />
          </select>
        </label>
      )}
      {form.targetKind === 'machines' && (
        <>
          <div className="form-row">
            <label className="search">
              <span className="sr-only">Filter machines</span>
              <input type="search" placeholder="Filter by hostname, IP or MAC" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </label>
            <button
              type="button"
              className="small"
              onClick={() => onChange({ machines: [...new Set([...form.machines, ...shown.map((m) => m.id)])] })}
            >
              Select the {shown.length} shown
            </button>
            <button type="button" className="small ghost" disabled={form.machines.length === 0} onClick={() => onChange({ machines: [] })}>
              Clear
            </button>
            <span className="muted">{form.machines.length} chosen</span>
          </div>
          <ul className="plain checklist scroll-y" aria-label="Machines">
            {machines === null && <li className="muted">Loading…</li>}
            {machines !== null && shown.length === 0 && <li className="muted">No machine matches.</li>}
            {shown.map((m) => (
              <li key={m.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.has(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
                  <strong>{m.hostname}</strong>
                  <span className={`badge badge-${m.status}`}>{m.status}</span>
                  <span className="muted">
                    {m.osName} {m.osVersion} · {m.entityName}
                  </span>
                  {packageOs.length > 0 && !packageOs.includes(asPackageOs(m.platform) as PackageOs) && (
                    <span className="tag">no {m.platform} steps</span>
                  )}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={form.converge}
          disabled={form.targetKind === 'machines'}
          onChange={(e) => onChange({ converge: e.target.checked })}
        />
        Keep applied (convergence)
      </label>
      <p className="field-note muted">
        {form.targetKind === 'machines'
          ? 'Keeping a package applied needs a group, an entity or every machine.'
          : "Machines that join later get it too, and where the package's check says it is missing it is deployed again. No end unless one is given."}
      </p>
    </fieldset>
  );
}
