import type { FormEvent } from 'react';
import type { UserSummary } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import type { Choices } from '../admin/use-choices.js';
import { FormErrors } from '../ui/form-errors.js';
import { CancelButton, SubmitButton } from '../ui/submit-button.js';
import { TextField } from '../ui/text-field.js';
import { useForm } from '../ui/use-form.js';
import { useSubmit } from '../ui/use-submit.js';
import { createUserRequest, emptyUserForm, type UserForm } from './user-form.js';
import { UserFields } from './user-fields.js';

interface Props {
  choices: Choices;
  onCreated: (user: UserSummary) => void;
  onCancel: () => void;
}

/** A local account: it must choose its own password at first login. */
export function NewUserForm({ choices, onCreated, onCancel }: Props) {
  const { form, change, field } = useForm<UserForm>(emptyUserForm);
  const { busy, errors, run, fail } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = createUserRequest(form);
    if (result.errors) return fail(result.errors);
    await run(async () => onCreated(await adminApi.createUser(result.request)));
  }

  return (
    <form className="panel stack-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-user-title" noValidate>
      <h3 id="new-user-title">New user</h3>
      <FormErrors errors={errors} />
      <div className="form-row">
        <TextField
          label="User name"
          className="grow"
          name="username"
          autoComplete="off"
          required
          maxLength={128}
          autoFocus
          {...field('username')}
        />
        <TextField
          label="Initial password"
          className="grow"
          name="initial-password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={1024}
          {...field('password')}
        />
      </div>
      <UserFields form={form} onChange={change} choices={choices} />
      <div className="form-actions">
        <SubmitButton busy={busy} busyText="Creating…">
          Create user
        </SubmitButton>
        <CancelButton busy={busy} onClick={onCancel} />
      </div>
    </form>
  );
}
