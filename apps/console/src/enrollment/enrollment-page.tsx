import { useCallback, useEffect, useState } from 'react';
import type { CreatedEnrollmentToken, EnrollmentToken, Entity } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { useTitle } from '../ui/use-title.js';
import { NewToken } from './new-token.js';
import { TokenForm } from './token-form.js';
import { TokenTable } from './token-table.js';

export function EnrollmentPage() {
  const [tokens, setTokens] = useState<EnrollmentToken[] | null>(null);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [created, setCreated] = useState<CreatedEnrollmentToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  useTitle('Enrollment');

  const loadTokens = useCallback(() => {
    api.tokens().then(
      (result) => setTokens(result.items),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);

  useEffect(() => {
    loadTokens();
    api.entities().then(
      (result) => setEntities(result.items),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [loadTokens]);

  function onCreated(token: CreatedEnrollmentToken) {
    setCreated(token);
    loadTokens();
  }

  function onRevoked(token: EnrollmentToken) {
    setTokens((list) => list?.map((t) => (t.id === token.id ? token : t)) ?? null);
  }

  return (
    <section aria-labelledby="enrollment-title">
      <div className="toolbar">
        <h1 id="enrollment-title">Enrollment</h1>
      </div>
      <p className="lead">
        An enrollment token lets agents join this server, into one entity, until it expires or its uses run out. Give each workstation the
        agent command shown when you create it.
      </p>
      {error && <Alert>{error}</Alert>}
      {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : <TokenForm entities={entities} onCreated={onCreated} />}
      <h2 className="section-title">Tokens</h2>
      <TokenTable tokens={tokens} onRevoked={onRevoked} />
    </section>
  );
}
