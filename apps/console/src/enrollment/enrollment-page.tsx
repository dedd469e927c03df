import { useState } from 'react';
import type { CreatedEnrollmentToken, EnrollmentToken } from '@pons/protocol';
import { useEntities } from '../admin/use-choices.js';
import { api } from '../api.js';
import { Alert } from '../ui/alert.js';
import { useList } from '../ui/use-list.js';
import { useTitle } from '../ui/use-title.js';
import { NewToken } from './new-token.js';
import { TokenForm } from './token-form.js';
import { TokenTable } from './token-table.js';

export function EnrollmentPage() {
  const tokens = useList(api.tokens);
  const { error, setError } = tokens;
  const entities = useEntities(setError);
  const [created, setCreated] = useState<CreatedEnrollmentToken | null>(null);
  useTitle('Enrollment');

  function onCreated(token: CreatedEnrollmentToken) {
    setCreated(token);
    tokens.load();
  }

  function onRevoked(token: EnrollmentToken) {
    tokens.setItems((list) => list?.map((t) => (t.id === token.id ? token : t)) ?? null);
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
      <TokenTable tokens={tokens.items} onRevoked={onRevoked} />
    </section>
  );
}
