import type { CreatedApiToken } from '@pons/protocol';
import { dateTime } from '../format.js';
import { CopyButton } from '../ui/copy-button.js';

/** The secret, once: the server keeps only its hash. */
export function NewApiToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <div className="new-token" role="group" aria-labelledby="created-api-token-title">
      <h3 id="created-api-token-title">Token created: {token.name}</h3>
      <p className="warning" role="alert">
        <strong>Copy it now: this token is shown only once.</strong> The server keeps only a fingerprint of it and cannot show it again. If
        you lose it, revoke it and create another.
      </p>
      <p className="muted">Expires {dateTime(token.expiresAt)}.</p>
      <div className="secret">
        <span className="secret-label" id="api-token-label">
          API token
        </span>
        <code data-testid="new-api-token-value" aria-labelledby="api-token-label">
          {token.token}
        </code>
        <CopyButton text={token.token} what="API token" />
      </div>
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}
