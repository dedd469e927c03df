import { CheckField, TextField } from '../ui/text-field.js';
import { DEFAULT_CLAIMS, type OidcForm } from './oidc-form.js';

const optional = (label: string) => (
  <span>
    {label} <span className="muted">(optional)</span>
  </span>
);

/** The provider, its client, the scopes asked for and the claims read. */
export function OidcFields({ form, onChange }: { form: OidcForm; onChange: (changes: Partial<OidcForm>) => void }) {
  const claim = (key: keyof OidcForm['claims']) => (value: string) => onChange({ claims: { ...form.claims, [key]: value } });
  return (
    <>
      <div className="form-row">
        <TextField label="Display name" className="grow" maxLength={64} value={form.name} onChange={(name) => onChange({ name })} />
        <TextField
          label={optional('Logo URL')}
          className="grow"
          placeholder="https://…"
          maxLength={500}
          value={form.logoUrl}
          onChange={(logoUrl) => onChange({ logoUrl })}
        />
        <CheckField label="Enabled" checked={form.enabled} onChange={(enabled) => onChange({ enabled })} />
      </div>
      <div className="form-row">
        <TextField
          label="Issuer URL"
          className="grow"
          placeholder="https://login.example.org/realms/staff"
          maxLength={500}
          value={form.issuer}
          onChange={(issuer) => onChange({ issuer })}
        />
        <TextField
          label="Client ID"
          className="grow"
          maxLength={255}
          value={form.clientId}
          onChange={(clientId) => onChange({ clientId })}
        />
        <label className="grow">
          <span>Client secret {form.clientSecretSet && <span className="tag">set</span>}</span>
          <input
            type="password"
            autoComplete="new-password"
            maxLength={1024}
            placeholder={form.clientSecretSet ? 'Leave empty to keep the stored one' : 'None for a public client'}
            value={form.clientSecret}
            onChange={(e) => onChange({ clientSecret: e.target.value })}
          />
        </label>
      </div>
      <div className="form-row">
        <TextField label="Scopes" className="grow" value={form.scopes} onChange={(scopes) => onChange({ scopes })} />
        <TextField
          label={optional('Role claim')}
          placeholder="e.g. groups"
          maxLength={64}
          value={form.roleClaim}
          onChange={(roleClaim) => onChange({ roleClaim })}
        />
      </div>
      <div className="form-row">
        <TextField
          label="User name claim"
          placeholder={DEFAULT_CLAIMS.uid}
          maxLength={64}
          value={form.claims.uid}
          onChange={claim('uid')}
        />
        <TextField
          label="Given name claim"
          placeholder={DEFAULT_CLAIMS.givenName}
          maxLength={64}
          value={form.claims.givenName}
          onChange={claim('givenName')}
        />
        <TextField label="Surname claim" placeholder={DEFAULT_CLAIMS.sn} maxLength={64} value={form.claims.sn} onChange={claim('sn')} />
        <TextField label="Mail claim" placeholder={DEFAULT_CLAIMS.mail} maxLength={64} value={form.claims.mail} onChange={claim('mail')} />
      </div>
    </>
  );
}
