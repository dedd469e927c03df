import { CheckField, TextField } from '../ui/text-field.js';
import type { LdapForm } from './ldap-form.js';

/** Server, bind account, where users are found and which attributes hold their names. */
export function LdapFields({ form, onChange }: { form: LdapForm; onChange: (changes: Partial<LdapForm>) => void }) {
  const attribute = (key: keyof LdapForm['attributes']) => (value: string) =>
    onChange({ attributes: { ...form.attributes, [key]: value } });
  return (
    <>
      <CheckField label="Allow LDAP login" checked={form.enabled} onChange={(enabled) => onChange({ enabled })} />
      <div className="form-row">
        <TextField
          label="Server URL"
          className="grow"
          placeholder="ldaps://dc1.example.org:636"
          maxLength={500}
          value={form.url}
          onChange={(url) => onChange({ url })}
        />
        <CheckField label="Use StartTLS" checked={form.startTls} onChange={(startTls) => onChange({ startTls })} />
        <TextField
          label="Timeout (seconds)"
          type="number"
          min={1}
          max={60}
          className="narrow-field"
          value={form.timeoutSeconds}
          onChange={(timeoutSeconds) => onChange({ timeoutSeconds })}
        />
      </div>
      <label>
        <span>
          CA certificate (PEM) <span className="muted">(optional: a CA to trust besides the system ones)</span>
        </span>
        <textarea className="mono" rows={3} maxLength={20_000} value={form.caPem} onChange={(e) => onChange({ caPem: e.target.value })} />
      </label>
      <div className="form-row">
        <TextField label="Bind DN" className="grow" maxLength={500} value={form.bindDn} onChange={(bindDn) => onChange({ bindDn })} />
        <label className="grow">
          <span>Bind password {form.bindPasswordSet && <span className="tag">set</span>}</span>
          <input
            type="password"
            autoComplete="new-password"
            maxLength={1024}
            placeholder={form.bindPasswordSet ? 'Leave empty to keep the stored one' : ''}
            aria-describedby="bind-password-note"
            value={form.bindPassword}
            onChange={(e) => onChange({ bindPassword: e.target.value })}
          />
        </label>
      </div>
      <p id="bind-password-note" className="muted field-note">
        {form.bindPasswordSet
          ? 'A bind password is stored; it is never shown. Type a new one only to replace it.'
          : 'No bind password is stored yet.'}
      </p>
      <div className="form-row">
        <TextField label="Base DN" className="grow" maxLength={500} value={form.baseDn} onChange={(baseDn) => onChange({ baseDn })} />
        <TextField
          label="User filter"
          className="grow"
          maxLength={500}
          value={form.userFilter}
          onChange={(userFilter) => onChange({ userFilter })}
        />
        <TextField
          label={
            <span>
              Group filter <span className="muted">(optional)</span>
            </span>
          }
          className="grow"
          placeholder="memberOf when empty; {dn} is the user's DN"
          maxLength={500}
          value={form.groupFilter}
          onChange={(groupFilter) => onChange({ groupFilter })}
        />
      </div>
      <div className="form-row">
        <TextField label="User name attribute" value={form.attributes.username} onChange={attribute('username')} maxLength={64} />
        <TextField label="Mail attribute" value={form.attributes.mail} onChange={attribute('mail')} maxLength={64} />
        <TextField label="Given name attribute" value={form.attributes.givenName} onChange={attribute('givenName')} maxLength={64} />
        <TextField label="Surname attribute" value={form.attributes.sn} onChange={attribute('sn')} maxLength={64} />
      </div>
    </>
  );
}
