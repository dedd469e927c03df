import { useEffect, useState, type FormEvent } from 'react';
import type { LdapSettingsView, LdapTestResult } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { MappingFields } from '../admin/role-fields.js';
import type { Choices } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { useForm } from '../ui/use-form.js';
import { useSubmit } from '../ui/use-submit.js';
import { LdapFields } from './ldap-fields.js';
import { ldapFormFrom, ldapRequest, type LdapForm } from './ldap-form.js';
import { LdapTestSteps } from './ldap-test-steps.js';

/** The LDAP (or Active Directory) login: loaded once, then the form. */
export function LdapPanel({ choices, canChange }: { choices: Choices; canChange: boolean }) {
  const [view, setView] = useState<LdapSettingsView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminApi.ldap().then(
      (result) => setView(result.settings),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  return (
    <section className="panel" aria-labelledby="ldap-title">
      <h3 id="ldap-title">LDAP directory</h3>
      {error && <Alert>{error}</Alert>}
      {view === undefined && !error && <p className="muted">Loading…</p>}
      {view !== undefined && (
        <LdapSettingsForm key={JSON.stringify(view)} view={view} choices={choices} canChange={canChange} onSaved={setView} />
      )}
    </section>
  );
}

interface FormProps {
  view: LdapSettingsView | null;
  choices: Choices;
  canChange: boolean;
  onSaved: (view: LdapSettingsView) => void;
}

function LdapSettingsForm({ view, choices, canChange, onSaved }: FormProps) {
  const { form, change } = useForm<LdapForm>(() => ldapFormFrom(view, choices.entities, choices.profiles));
  const { busy, doing, errors, run, fail } = useSubmit();
  const [test, setTest] = useState<LdapTestResult | null>(null);

  async function act(kind: 'save' | 'test') {
    const result = ldapRequest(form);
    if (result.errors) return fail(result.errors);
    if (kind === 'test') setTest(null);
    await run(async () => {
      if (kind === 'test') setTest(await adminApi.testLdap(result.request));
      else onSaved((await adminApi.saveLdap(result.request)).settings);
    }, kind);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void act('save');
  }

  return (
    <form className="stack-form" onSubmit={submit} aria-labelledby="ldap-title" noValidate>
      <p className="muted field-note">
        Users log in with their directory user name and password; their groups give their roles. The bind account only reads.
      </p>
      <FormErrors errors={errors} />
      <fieldset className="plain-fieldset stack-form" disabled={!canChange}>
        <LdapFields form={form} onChange={change} />
        <MappingFields
          context="LDAP"
          legend="Group mappings: members of a group get a profile on an entity"
          what="Group mapping"
          matchLabel="Group DN"
          rows={form.groupMappings}
          onRows={(groupMappings) => change({ groupMappings })}
          defaultRole={form.defaultRole}
          onDefaultRole={(defaultRole) => change({ defaultRole })}
          choices={choices}
        />
      </fieldset>
      {canChange && (
        <div className="form-actions">
          <SubmitButton busy={doing === 'save'} busyText="Saving…" disabled={busy}>
            Save LDAP settings
          </SubmitButton>
          <button type="button" disabled={busy} onClick={() => void act('test')}>
            {doing === 'test' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
      )}
      {test && <LdapTestSteps result={test} />}
    </form>
  );
}
