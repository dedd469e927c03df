import type { ReactNode } from 'react';
import { EntityOptions } from '../ui/entity-options.js';
import { emptyRow, type RoleRow } from './role-rows.js';
import type { Choices } from './use-choices.js';

/** An entity select in tree order; `none` names the empty choice. */
export function EntitySelect(props: { label: ReactNode; value: string; onChange: (id: string) => void; choices: Choices; none: string }) {
  const { label, value, onChange, choices, none } = props;
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        <EntityOptions entities={choices.entities} />
      </select>
    </label>
  );
}

export function ProfileSelect(props: {
  label: ReactNode;
  value: string;
  onChange: (id: string) => void;
  choices: Choices;
  disabled?: boolean;
}) {
  const { label, value, onChange, choices, disabled = false } = props;
  return (
    <label>
      {label}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {choices.profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
    </label>
  );
}

interface RowsProps {
  legend: string;
  /** Each row's name for labels and errors: `Role` gives "Entity (Role 2)". */
  what: string;
  rows: RoleRow[];
  onChange: (rows: RoleRow[]) => void;
  choices: Choices;
  /** For mapping rows: the label of the group or claim value they match. */
  matchLabel?: string;
  addLabel: string;
  empty: string;
}

/** Rows of entity + profile (and the matched value), with add and remove. */
export function RoleRowsField({ legend, what, rows, onChange, choices, matchLabel, addLabel, empty }: RowsProps) {
  const change = (index: number, changes: Partial<RoleRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  const suffix = (index: number) => <span className="sr-only"> ({`${what} ${index + 1}`})</span>;
  return (
    <fieldset className="role-rows">
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="muted field-note">{empty}</p>}
      {rows.map((row, index) => (
        <div className="form-row" key={index}>
          {matchLabel && (
            <label className="grow">
              <span>
                {matchLabel}
                {suffix(index)}
              </span>
              <input value={row.match} onChange={(e) => change(index, { match: e.target.value })} maxLength={500} />
            </label>
          )}
          <EntitySelect
            label={<span>Entity{suffix(index)}</span>}
            value={row.entity}
            onChange={(entity) => change(index, { entity })}
            choices={choices}
            none="Choose…"
          />
          <ProfileSelect
            label={<span>Profile{suffix(index)}</span>}
            value={row.profile}
            onChange={(profile) => change(index, { profile })}
            choices={choices}
          />
          <button type="button" className="small ghost" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            Remove<span className="sr-only"> {`${what.toLowerCase()} ${index + 1}`}</span>
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="small" onClick={() => onChange([...rows, emptyRow])}>
          {addLabel}
        </button>
      </div>
    </fieldset>
  );
}

/** The role given to users no mapping matches; no entity means they are refused. `context` tells two such fields apart. */
function DefaultRoleField(props: { row: RoleRow; onChange: (row: RoleRow) => void; choices: Choices; context: string }) {
  const { row, onChange, choices, context } = props;
  const suffix = <span className="sr-only"> ({context})</span>;
  return (
    <fieldset className="role-rows">
      <legend>Default role, for users no mapping matches</legend>
      <div className="form-row">
        <EntitySelect
          label={<span>Default role entity{suffix}</span>}
          value={row.entity}
          onChange={(entity) => onChange({ ...row, entity, profile: entity ? row.profile : '' })}
          choices={choices}
          none="None: refuse them"
        />
        <ProfileSelect
          label={<span>Default role profile{suffix}</span>}
          value={row.profile}
          onChange={(profile) => onChange({ ...row, profile })}
          choices={choices}
          disabled={!row.entity}
        />
      </div>
    </fieldset>
  );
}

interface MappingProps {
  /** LDAP or OIDC: tells the default role fields apart. */
  context: string;
  legend: string;
  /** A mapping row's name: "Group mapping". */
  what: string;
  /** The label of the group or claim value a row matches. */
  matchLabel: string;
  rows: RoleRow[];
  onRows: (rows: RoleRow[]) => void;
  defaultRole: RoleRow;
  onDefaultRole: (row: RoleRow) => void;
  choices: Choices;
}

/** How users of an outside login get their roles: mappings from what the login says, then the default role. */
export function MappingFields({ context, what, rows, onRows, defaultRole, onDefaultRole, choices, ...labels }: MappingProps) {
  const name = what.toLowerCase();
  return (
    <>
      <RoleRowsField
        {...labels}
        what={what}
        rows={rows}
        onChange={onRows}
        choices={choices}
        addLabel={`Add ${name}`}
        empty={`No ${name}: every user gets the default role.`}
      />
      <DefaultRoleField row={defaultRole} onChange={onDefaultRole} choices={choices} context={context} />
    </>
  );
}
