import { useState, type FormEvent } from 'react';
import type { OidcProviderView } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { MappingFields } from '../admin/role-fields.js';
import type { Choices } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { FormErrors } from '../ui/form-errors.js';
import { SecretValue } from '../ui/secret-value.js';
import { CancelButton, SubmitButton } from '../ui/submit-button.js';
import { useForm } from '../ui/use-form.js';
import { useSubmit } from '../ui/use-submit.js';
import { OidcFields } from './oidc-fields.js';
import { oidcFormFrom, oidcRequest, type OidcForm } from './oidc-form.js';

interface Props {
  /** null: a new provider. */
  provider: OidcProviderView | null;
  choices: Choices;
  canChange: boolean;
  onSaved: (provider: OidcProviderView) => void;
  onClose: () => void;
}

export function OidcProviderForm({ provider, choices, canChange, onSaved, onClose }: Props) {
  const { form, change } = useForm<OidcForm>(() => oidcFormFrom(provider, choices.entities, choices.profiles));
  const { busy: saving, errors, run, fail } = useSubmit();
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = oidcRequest(form);
    if (result.errors) return fail(result.errors);
    await run(async () =>
      onSaved(provider ? await adminApi.saveOidcProvider(provider.id, result.request) : await adminApi.createOidcProvider(result.request)),
    );
  }

  async function testIssuer() {
    setTesting(true);
    setTest(null);
    try {
      setTest(await adminApi.testOidcIssuer(form.issuer.trim()));
    } catch (failure) {
      setTest({ ok: false, message: errorMessage(failure) });
    } finally {
      setTesting(false);
    }
  }

  return (
    <form className="stack-form oidc-form" onSubmit={(event) => void submit(event)} aria-labelledby="oidc-form-title" noValidate>
      <h3 id="oidc-form-title">{provider ? provider.name : 'New provider'}</h3>
      <FormErrors errors={errors} />
      {provider ? (
        <SecretValue
          id="redirect-uri-label"
          label="Redirect URI"
          value={provider.redirectUri}
          what="redirect URI"
          testId="oidc-redirect-uri"
        />
      ) : (
        <p className="muted field-note">The redirect URI to register at the provider is shown once the provider is created.</p>
      )}
      <fieldset className="plain-fieldset stack-form" disabled={!canChange}>
        <OidcFields form={form} onChange={change} />
        <MappingFields
          context="OIDC"
          legend="Role mappings: a value of the role claim gives a profile on an entity"
          what="Role mapping"
          matchLabel="Claim value"
          rows={form.roleMappings}
          onRows={(roleMappings) => change({ roleMappings })}
          defaultRole={form.defaultRole}
          onDefaultRole={(defaultRole) => change({ defaultRole })}
          choices={choices}
        />
      </fieldset>
      {test && <Alert kind={test.ok ? 'success' : 'error'}>{test.message}</Alert>}
      <div className="form-actions">
        {canChange && (
          <SubmitButton busy={saving} busyText="Saving…" disabled={saving || testing}>
            {provider ? 'Save provider' : 'Create provider'}
          </SubmitButton>
        )}
        {canChange && (
          <button type="button" disabled={saving || testing || !form.issuer.trim()} onClick={() => void testIssuer()}>
            {testing ? 'Testing…' : 'Test issuer'}
          </button>
        )}
        <CancelButton busy={saving || testing} onClick={onClose}>
          {canChange ? 'Cancel' : 'Close'}
        </CancelButton>
      </div>
    </form>
  );
}
