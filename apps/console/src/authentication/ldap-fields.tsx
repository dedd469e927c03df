import { CheckField, optional, SecretField, TextField } from '../ui/text-field.js';
import { bindFields } from '../ui/use-form.js';
import type { LdapForm } from './ldap-form.js';

const ATTRIBUTES = [
  ['username', 'User name attribute'],
  ['mail', 'Mail attribute'],
  ['givenName', 'Given name attribute'],
  ['sn', 'Surname attribute'],
] as const;

/** Server, bind account, where users are found and which attributes hold their names. */
export function LdapFields({ form, onChange }: { form: LdapForm; onChange: (changes: Partial<LdapForm>) => void }) {
  const field = bindFields(form, onChange);
  const attribute = (key: keyof LdapForm['attributes']) => (value: string) =>
    onChange({ attributes: { ...form.attributes, [key]: value } });
  return (
    <>
      <CheckField label="Allow LDAP login" checked={form.enabled} onChange={(enabled) => onChange({ enabled })} />
      <div className="form-row">
        <TextField label="Server URL" className="grow" placeholder="ldaps://dc1.example.org:636" maxLength={500} {...field('url')} />
        <CheckField label="Use StartTLS" checked={form.startTls} onChange={(startTls) => onChange({ startTls })} />
        <TextField label="Timeout (seconds)" type="number" min={1} max={60} className="narrow-field" {...field('timeoutSeconds')} />
      </div>
      <label>
        <span>
          CA certificate (PEM) <span className="muted">(optional: a CA to trust besides the system ones)</span>
        </span>
        <textarea className="mono" rows={3} maxLength={20_000} value={form.caPem} onChange={(e) => onChange({ caPem: e.target.value })} />
      </label>
      <div className="form-row">
        <TextField label="Bind DN" className="grow" maxLength={500} {...field('bindDn')} />
        <SecretField
          label="Bind password"
          className="grow"
          set={form.bindPasswordSet}
          aria-describedby="bind-password-note"
          {...field('bindPassword')}
        />
      </div>
      <p id="bind-password-note" className="muted field-note">
        {form.bindPasswordSet
          ? 'A bind password is stored; it is never shown. Type a new one only to replace it.'
          : 'No bind password is stored yet.'}
      </p>
      <div className="form-row">
        <TextField label="Base DN" className="grow" maxLength={500} {...field('baseDn')} />
        <TextField label="User filter" className="grow" maxLength={500} {...field('userFilter')} />
        <TextField
          label={optional('Group filter')}
          className="grow"
          placeholder="memberOf when empty; {dn} is the user's DN"
          maxLength={500}
          {...field('groupFilter')}
        />
      </div>
      <div className="form-row">
        {ATTRIBUTES.map(([key, label]) => (
          <TextField key={key} label={label} value={form.attributes[key]} onChange={attribute(key)} maxLength={64} />
        ))}
      </div>
    </>
  );
}
