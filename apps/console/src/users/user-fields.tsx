import { RoleRowsField } from '../admin/role-fields.js';
import type { Choices } from '../admin/use-choices.js';
import { TextField } from '../ui/text-field.js';
import { bindFields } from '../ui/use-form.js';
import type { UserForm } from './user-form.js';

interface Props {
  form: UserForm;
  onChange: (changes: Partial<UserForm>) => void;
  choices: Choices;
}

/** Names, mail and roles: the fields the new-user form and the user page share. */
export function UserFields({ form, onChange, choices }: Props) {
  const field = bindFields(form, onChange);
  return (
    <>
      <div className="form-row">
        <TextField label="Given name" className="grow" name="givenName" autoComplete="off" maxLength={128} {...field('givenName')} />
        <TextField label="Surname" className="grow" name="sn" autoComplete="off" maxLength={128} {...field('sn')} />
        <TextField label="Mail" className="grow" name="mail" type="email" autoComplete="off" maxLength={254} {...field('mail')} />
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
