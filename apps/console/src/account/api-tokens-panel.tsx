import { useState } from 'react';
import type { ApiToken, CreatedApiToken } from '@pons/protocol';
import { accountApi } from '../account-api.js';
import { Alert } from '../ui/alert.js';
import { useList } from '../ui/use-list.js';
import { ApiTokenForm } from './api-token-form.js';
import { ApiTokenTable } from './api-token-table.js';
import { NewApiToken } from './new-api-token.js';

/** Personal API tokens for scripts and the command line: they act as this user, within any narrowing. */
export function ApiTokensPanel() {
  const tokens = useList(accountApi.apiTokens);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  function onCreated(token: CreatedApiToken) {
    setCreated(token);
    tokens.load();
  }

  const revoke = (token: ApiToken) => tokens.change(() => accountApi.revokeApiToken(token.id));

  return (
    <section className="panel stack-form" aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">API tokens</h2>
      <p className="muted field-note">
        A token lets a script or <code>pons</code> call the API as you (header <code>Authorization: Bearer …</code>), with at most your
        rights, until it expires or you revoke it.
      </p>
      {tokens.error && <Alert>{tokens.error}</Alert>}
      {created ? <NewApiToken token={created} onDone={() => setCreated(null)} /> : <ApiTokenForm onCreated={onCreated} />}
      <ApiTokenTable tokens={tokens.items} onRevoke={revoke} />
    </section>
  );
}
