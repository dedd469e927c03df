import { useEffect, useState, type FormEvent } from 'react';
import type { LdapSettingsView, LdapTestResult } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { DefaultRoleField, RoleRowsField } from '../admin/role-fields.js';
import type { Choices } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { FormErrors } from '../ui/form-errors.js';
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
  const [form, setForm] = useState<LdapForm>(() => ldapFormFrom(view, choices.entities, choices.profiles));
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<LdapTestResult | null>(null);
  const change = (changes: Partial<LdapForm>) => setForm((f) => ({ ...f, ...changes }));

  async function run(kind: 'save' | 'test') {
    const result = ldapRequest(form);
    if (result.errors) return setErrors(result.errors);
    setErrors([]);
    setBusy(kind);
    if (kind === 'test') setTest(null);
    try {
      if (kind === 'test') setTest(await adminApi.testLdap(result.request));
      else onSaved((await adminApi.saveLdap(result.request)).settings);
    } catch (failure) {
      setErrors([errorMessage(failure)]);
    } finally {
      setBusy(null);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run('save');
  }

  return (
    <form className="stack-form" onSubmit={submit} aria-labelledby="ldap-title" noValidate>
      <p className="muted field-note">
        Users log in with their directory user name and password; their groups give their roles. The bind account only reads.
      </p>
      <FormErrors errors={errors} />
      <fieldset className="plain-fieldset stack-form" disabled={!canChange}>
        <LdapFields form={form} onChange={change} />
        <RoleRowsField
          legend="Group mappings: members of a group get a profile on an entity"
          what="Group mapping"
          rows={form.groupMappings}
          onChange={(groupMappings) => change({ groupMappings })}
          choices={choices}
          matchLabel="Group DN"
          addLabel="Add group mapping"
          empty="No group mapping: every user gets the default role."
        />
        <DefaultRoleField row={form.defaultRole} onChange={(defaultRole) => change({ defaultRole })} choices={choices} context="LDAP" />
      </fieldset>
      {canChange && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : 'Save LDAP settings'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void run('test')}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
      )}
      {test && <LdapTestSteps result={test} />}
    </form>
  );
}
