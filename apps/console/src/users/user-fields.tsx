import { RoleRowsField } from '../admin/role-fields.js';
import type { Choices } from '../admin/use-choices.js';
import type { UserForm } from './user-form.js';

interface Props {
  form: UserForm;
  onChange: (changes: Partial<UserForm>) => void;
  choices: Choices;
}

/** Names, mail and roles: the fields the new-user form and the user page share. */
export function UserFields({ form, onChange, choices }: Props) {
  return (
    <>
      <div className="form-row">
        <label className="grow">
          Given name
          <input
            name="givenName"
            autoComplete="off"
            maxLength={128}
            value={form.givenName}
            onChange={(e) => onChange({ givenName: e.target.value })}
          />
        </label>
        <label className="grow">
          Surname
          <input name="sn" autoComplete="off" maxLength={128} value={form.sn} onChange={(e) => onChange({ sn: e.target.value })} />
        </label>
        <label className="grow">
          Mail
          <input
            name="mail"
            type="email"
            autoComplete="off"
            maxLength={254}
            value={form.mail}
            onChange={(e) => onChange({ mail: e.target.value })}
          />
        </label>
      </div>
      <RoleRowsField
        legend="Roles: a profile on an entity (and its sub-entities)"
        what="Role"
        rows={form.roles}
        onChange={(roles) => onChange({ roles })}
        choices={choices}
        addLabel="Add role"
        empty="No role yet: the user can log in but sees nothing."
      />
    </>
  );
}
