import { useState, type FormEvent } from 'react';
import type { UserSummary } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { useChoices } from '../admin/use-choices.js';
import { Alert } from '../ui/alert.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { useForm } from '../ui/use-form.js';
import { useSubmit } from '../ui/use-submit.js';
import { updateUserRequest, userFormFrom, type UserForm } from './user-form.js';
import { UserFields } from './user-fields.js';

interface Props {
  user: UserSummary;
  canChange: boolean;
  onSaved: (user: UserSummary) => void;
}

export function UserDetailsForm({ user, canChange, onSaved }: Props) {
  const { form, change: edit } = useForm<UserForm>(() => userFormFrom(user));
  const { busy, errors, run, fail } = useSubmit();
  const [note, setNote] = useState<string | null>(null);
  const choices = useChoices();
  const change = (changes: Partial<UserForm>) => {
    setNote(null);
    edit(changes);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = updateUserRequest(user, form);
    if (result.errors) return fail(result.errors);
    fail([]);
    const { request } = result;
    if (request === null) return setNote('Nothing to save: no field has changed.');
    await run(async () => onSaved(await adminApi.updateUser(user.id, request)));
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="user-details-title" noValidate>
      <h3 id="user-details-title">Details and roles</h3>
      <FormErrors errors={[...(choices.error ? [choices.error] : []), ...errors]} />
      {note && <Alert kind="info">{note}</Alert>}
      <fieldset className="plain-fieldset stack-form" disabled={!canChange}>
        <UserFields form={form} onChange={change} choices={choices} />
      </fieldset>
      {canChange && (
        <div className="form-actions">
          <SubmitButton busy={busy} busyText="Saving…">
            Save changes
          </SubmitButton>
        </div>
      )}
    </form>
  );
}
