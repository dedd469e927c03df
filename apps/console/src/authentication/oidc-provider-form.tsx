import { useState, type FormEvent } from 'react';
import type { OidcProviderView } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { DefaultRoleField, RoleRowsField } from '../admin/role-fields.js';
import type { Choices } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { CopyButton } from '../ui/copy-button.js';
import { FormErrors } from '../ui/form-errors.js';
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
  const [form, setForm] = useState<OidcForm>(() => oidcFormFrom(provider, choices.entities, choices.profiles));
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const change = (changes: Partial<OidcForm>) => setForm((f) => ({ ...f, ...changes }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = oidcRequest(form);
    if (result.errors) return setErrors(result.errors);
    setErrors([]);
    setBusy('save');
    try {
      onSaved(provider ? await adminApi.saveOidcProvider(provider.id, result.request) : await adminApi.createOidcProvider(result.request));
    } catch (failure) {
      setErrors([errorMessage(failure)]);
      setBusy(null);
    }
  }

  async function testIssuer() {
    setBusy('test');
    setTest(null);
    try {
      setTest(await adminApi.testOidcIssuer(form.issuer.trim()));
    } catch (failure) {
      setTest({ ok: false, message: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="stack-form oidc-form" onSubmit={(event) => void submit(event)} aria-labelledby="oidc-form-title" noValidate>
      <h3 id="oidc-form-title">{provider ? provider.name : 'New provider'}</h3>
      <FormErrors errors={errors} />
      {provider ? (
        <div className="secret">
          <span className="secret-label" id="redirect-uri-label">
            Redirect URI
          </span>
          <code aria-labelledby="redirect-uri-label" data-testid="oidc-redirect-uri">
            {provider.redirectUri}
          </code>
          <CopyButton text={provider.redirectUri} what="redirect URI" />
        </div>
      ) : (
        <p className="muted field-note">The redirect URI to register at the provider is shown once the provider is created.</p>
      )}
      <fieldset className="plain-fieldset stack-form" disabled={!canChange}>
        <OidcFields form={form} onChange={change} />
        <RoleRowsField
          legend="Role mappings: a value of the role claim gives a profile on an entity"
          what="Role mapping"
          rows={form.roleMappings}
          onChange={(roleMappings) => change({ roleMappings })}
          choices={choices}
          matchLabel="Claim value"
          addLabel="Add role mapping"
          empty="No role mapping: every user gets the default role."
        />
        <DefaultRoleField row={form.defaultRole} onChange={(defaultRole) => change({ defaultRole })} choices={choices} context="OIDC" />
      </fieldset>
      {test && <Alert kind={test.ok ? 'success' : 'error'}>{test.message}</Alert>}
      <div className="form-actions">
        {canChange && (
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : provider ? 'Save provider' : 'Create provider'}
          </button>
        )}
        {canChange && (
          <button type="button" disabled={busy !== null || !form.issuer.trim()} onClick={() => void testIssuer()}>
            {busy === 'test' ? 'Testing…' : 'Test issuer'}
          </button>
        )}
        <button type="button" className="ghost" onClick={onClose} disabled={busy !== null}>
          {canChange ? 'Cancel' : 'Close'}
        </button>
      </div>
    </form>
  );
}
