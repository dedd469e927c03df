import { useMemo, type FormEvent } from 'react';
import type { CreatedApiToken } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { useEntities } from '../admin/use-choices.js';
import { useCurrentSession } from '../auth/current-user.js';
import { entityOptions } from '../enrollment/entity-options.js';
import { FormErrors } from '../ui/form-errors.js';
import { PermissionMatrix } from '../ui/permission-matrix.js';
import { SubmitButton } from '../ui/submit-button.js';
import { CheckField, TextField } from '../ui/text-field.js';
import { useForm } from '../ui/use-form.js';
import { useSubmit } from '../ui/use-submit.js';
import { apiTokenRequest, EXPIRY_DAYS, tokenFormFor, userGrants, type TokenForm } from './token-request.js';

const expiryText = (days: number) => (days % 365 === 0 ? `${days / 365} ${days === 365 ? 'year' : 'years'}` : `${days} days`);

/** Name and lifetime; optionally fewer permissions than the user's, or only some entities. */
export function ApiTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { user } = useCurrentSession();
  const max = useMemo(() => userGrants(user), [user]);
  const { form, change, field } = useForm<TokenForm>(() => tokenFormFor(max));
  const entities = useEntities();
  const { busy, errors, run, fail } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = apiTokenRequest(form);
    if (result.errors) return fail(result.errors);
    await run(async () => onCreated(await accountApi.createApiToken(result.request)));
  }

  const toggleEntity = (id: string, on: boolean) =>
    change({ entities: on ? [...form.entities, id] : form.entities.filter((e) => e !== id) });
  return (
    <form className="stack-form token-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-api-token-title" noValidate>
      <h3 id="new-api-token-title">New API token</h3>
      <FormErrors errors={errors} />
      <div className="form-row">
        <TextField label="Token name" className="grow" maxLength={128} placeholder="e.g. nightly report" {...field('name')} />
        <label>
          Expires after
          <select value={form.expiresInDays} onChange={(e) => change({ expiresInDays: Number(e.target.value) })}>
            {EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>
                {expiryText(days)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <CheckField
        label="Limit its permissions"
        checked={form.limitPermissions}
        onChange={(limitPermissions) => change({ limitPermissions })}
      />
      {form.limitPermissions && (
        <PermissionMatrix
          caption="Token permissions"
          value={form.permissions}
          onChange={(permissions) => change({ permissions })}
          max={max}
        />
      )}
      <CheckField label="Limit it to some entities" checked={form.limitEntities} onChange={(limitEntities) => change({ limitEntities })} />
      {form.limitEntities && (
        <fieldset className="checks">
          <legend>Token entities (with their sub-entities)</legend>
          <ul className="plain checklist scroll-y">
            {entityOptions(entities).map((entity) => (
              <li key={entity.id} style={{ paddingLeft: `${10 + entity.depth * 20}px` }}>
                <CheckField
                  label={entity.name}
                  checked={form.entities.includes(entity.id)}
                  onChange={(on) => toggleEntity(entity.id, on)}
                />
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="form-actions">
        <SubmitButton busy={busy} busyText="Creating…">
          Create API token
        </SubmitButton>
      </div>
    </form>
  );
}
