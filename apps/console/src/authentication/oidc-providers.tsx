import { useState } from 'react';
import type { OidcProviderView } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import type { Choices } from '../admin/use-choices.js';
import { Alert } from '../ui/alert.js';
import { ACTIONS, DataTable, RowButtons } from '../ui/data-table.js';
import { useList } from '../ui/use-list.js';
import { OidcProviderForm } from './oidc-provider-form.js';

/** Single sign-on providers: each one a button on the login page. */
export function OidcProviders({ choices, canChange }: { choices: Choices; canChange: boolean }) {
  const providers = useList(adminApi.oidcProviders);
  const [open, setOpen] = useState<{ provider: OidcProviderView | null } | null>(null);

  function saved(provider: OidcProviderView) {
    // Kept open: the redirect URI to register at the provider is known from now on.
    setOpen({ provider });
    providers.load();
  }

  const remove = (provider: OidcProviderView) =>
    providers.change(async () => {
      await adminApi.deleteOidcProvider(provider.id);
      if (open?.provider?.id === provider.id) setOpen(null);
    });

  return (
    <section className="panel" aria-labelledby="oidc-title">
      <div className="panel-head">
        <h3 id="oidc-title">Single sign-on (OpenID Connect)</h3>
        {canChange && open === null && (
          <button type="button" className="end" onClick={() => setOpen({ provider: null })}>
            Add provider
          </button>
        )}
      </div>
      {providers.error && <Alert>{providers.error}</Alert>}
      {providers.items === null && !providers.error && <p className="muted">Loading…</p>}
      {providers.items && (
        <DataTable
          className="grid compact oidc-providers"
          wrap={false}
          columns={['Provider', 'Issuer', 'State', ACTIONS]}
          rows={providers.items}
          empty="No provider: the login page offers the password form only."
          row={(provider) => (
            <tr key={provider.id} data-testid={`oidc-row-${provider.name}`}>
              <td className="name">{provider.name}</td>
              <td className="mono clip">{provider.issuer}</td>
              <td>{provider.enabled ? 'enabled' : <span className="muted">disabled</span>}</td>
              <td className="actions">
                <RowButtons
                  name={provider.name}
                  edit={canChange}
                  onOpen={() => setOpen({ provider })}
                  onDelete={canChange ? () => remove(provider) : undefined}
                />
              </td>
            </tr>
          )}
        />
      )}
      {open && (
        <OidcProviderForm
          key={open.provider ? JSON.stringify(open.provider) : 'new'}
          provider={open.provider}
          choices={choices}
          canChange={canChange}
          onSaved={saved}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
