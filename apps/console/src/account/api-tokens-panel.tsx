import { useCallback, useEffect, useState } from 'react';
import type { ApiToken, CreatedApiToken } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { ApiTokenForm } from './api-token-form.js';
import { ApiTokenTable } from './api-token-table.js';
import { NewApiToken } from './new-api-token.js';

/** Personal API tokens for scripts and the command line: they act as this user, within any narrowing. */
export function ApiTokensPanel() {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    accountApi.apiTokens().then(
      (result) => setTokens(result.items),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  useEffect(load, [load]);

  function onCreated(token: CreatedApiToken) {
    setCreated(token);
    load();
  }

  async function revoke(token: ApiToken) {
    setError(null);
    try {
      await accountApi.revokeApiToken(token.id);
      load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <section className="panel stack-form" aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">API tokens</h2>
      <p className="muted field-note">
        A token lets a script or <code>pons</code> call the API as you (header <code>Authorization: Bearer …</code>), with at most your
        rights, until it expires or you revoke it.
      </p>
      {error && <Alert>{error}</Alert>}
      {created ? <NewApiToken token={created} onDone={() => setCreated(null)} /> : <ApiTokenForm onCreated={onCreated} />}
      <ApiTokenTable tokens={tokens} onRevoke={revoke} />
    </section>
  );
}
