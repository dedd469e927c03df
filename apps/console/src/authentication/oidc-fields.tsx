import { CheckField, optional, SecretField, TextField } from '../ui/text-field.js';
import { bindFields } from '../ui/use-form.js';
import { DEFAULT_CLAIMS, type OidcForm } from './oidc-form.js';

const CLAIMS = [
  ['uid', 'User name claim'],
  ['givenName', 'Given name claim'],
  ['sn', 'Surname claim'],
  ['mail', 'Mail claim'],
] as const;

/** The provider, its client, the scopes asked for and the claims read. */
export function OidcFields({ form, onChange }: { form: OidcForm; onChange: (changes: Partial<OidcForm>) => void }) {
  const field = bindFields(form, onChange);
  const claim = (key: keyof OidcForm['claims']) => (value: string) => onChange({ claims: { ...form.claims, [key]: value } });
  return (
    <>
      <div className="form-row">
        <TextField label="Display name" className="grow" maxLength={64} {...field('name')} />
        <TextField label={optional('Logo URL')} className="grow" placeholder="https://…" maxLength={500} {...field('logoUrl')} />
        <CheckField label="Enabled" checked={form.enabled} onChange={(enabled) => onChange({ enabled })} />
      </div>
      <div className="form-row">
        <TextField
          label="Issuer URL"
          className="grow"
          placeholder="https://login.example.org/realms/staff"
          maxLength={500}
          {...field('issuer')}
        />
        <TextField label="Client ID" className="grow" maxLength={255} {...field('clientId')} />
        <SecretField
          label="Client secret"
          className="grow"
          set={form.clientSecretSet}
          unset="None for a public client"
          {...field('clientSecret')}
        />
      </div>
      <div className="form-row">
        <TextField label="Scopes" className="grow" {...field('scopes')} />
        <TextField label={optional('Role claim')} placeholder="e.g. groups" maxLength={64} {...field('roleClaim')} />
      </div>
      <div className="form-row">
        {CLAIMS.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            placeholder={DEFAULT_CLAIMS[key]}
            maxLength={64}
            value={form.claims[key]}
            onChange={claim(key)}
          />
        ))}
      </div>
    </>
  );
}
