import { useCallback, useEffect, useState } from 'react';
import type { OidcProviderView } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import type { Choices } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { OidcProviderForm } from './oidc-provider-form.js';

/** Single sign-on providers: each one a button on the login page. */
export function OidcProviders({ choices, canChange }: { choices: Choices; canChange: boolean }) {
  const [providers, setProviders] = useState<OidcProviderView[] | null>(null);
  const [open, setOpen] = useState<{ provider: OidcProviderView | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    adminApi.oidcProviders().then(
      (result) => setProviders(result.items),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  useEffect(load, [load]);

  function saved(provider: OidcProviderView) {
    // Kept open: the redirect URI to register at the provider is known from now on.
    setOpen({ provider });
    load();
  }

  async function remove(provider: OidcProviderView) {
    setError(null);
    try {
      await adminApi.deleteOidcProvider(provider.id);
      if (open?.provider?.id === provider.id) setOpen(null);
      load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

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
      {error && <Alert>{error}</Alert>}
      {providers === null && !error && <p className="muted">Loading…</p>}
      {providers && (
        <table className="grid compact oidc-providers">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Issuer</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {providers.map((provider) => (
              <tr key={provider.id} data-testid={`oidc-row-${provider.name}`}>
                <td className="name">{provider.name}</td>
                <td className="mono clip">{provider.issuer}</td>
                <td>{provider.enabled ? 'enabled' : <span className="muted">disabled</span>}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    aria-label={`${canChange ? 'Edit' : 'View'} ${provider.name}`}
                    onClick={() => setOpen({ provider })}
                  >
                    {canChange ? 'Edit' : 'View'}
                  </button>{' '}
                  {canChange && (
                    <ConfirmButton label="Delete" confirm="Delete now" what={provider.name} onConfirm={() => remove(provider)} />
                  )}
                </td>
              </tr>
            ))}
            {providers.length === 0 && (
              <tr>
                <td colSpan={4} className="empty-row">
                  No provider: the login page offers the password form only.
                </td>
              </tr>
            )}
          </tbody>
        </table>
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
