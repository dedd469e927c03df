import type { CreatedApiToken } from '@pons/protocol';
import { dateTime } from '../format.js';
import { SecretValue, ShownOnce } from '../ui/secret-value.js';

/** The secret, once: the server keeps only its hash. */
export function NewApiToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <div className="new-token" role="group" aria-labelledby="created-api-token-title">
      <h3 id="created-api-token-title">Token created: {token.name}</h3>
      <ShownOnce />
      <p className="muted">Expires {dateTime(token.expiresAt)}.</p>
      <SecretValue id="api-token-label" label="API token" value={token.token} what="API token" testId="new-api-token-value" />
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}
