import type { CreatedEnrollmentToken } from '@pons/protocol';
import { dateTime } from '../format.js';
import { CopyButton } from '../ui/copy-button.js';

/** The secret, once: the server keeps only its hash. */
export function NewToken({ token, onDone }: { token: CreatedEnrollmentToken; onDone: () => void }) {
  return (
    <section className="panel new-token" aria-labelledby="created-title">
      <h2 id="created-title">Token created{token.label ? `: ${token.label}` : ''}</h2>
      <p className="warning" role="alert">
        <strong>Copy it now: this token is shown only once.</strong> The server keeps only a fingerprint of it and cannot show it again. If
        you lose it, revoke it and create another.
      </p>
      <p className="muted">
        Entity <strong>{token.entityName}</strong> · up to {token.maxUses} {token.maxUses === 1 ? 'machine' : 'machines'} · expires{' '}
        {dateTime(token.expiresAt)}
      </p>
      <div className="secret">
        <span className="secret-label" id="token-label">
          Token
        </span>
        <code data-testid="new-token-value" aria-labelledby="token-label">
          {token.token}
        </code>
        <CopyButton text={token.token} what="token" />
      </div>
      <div className="secret">
        <span className="secret-label" id="command-label">
          Agent command
        </span>
        <code data-testid="new-token-command" aria-labelledby="command-label" className="command">
          {token.agentCommand}
        </code>
        <CopyButton text={token.agentCommand} what="command" />
      </div>
      <p className="muted">
        Run the command on each workstation, as administrator (root). It pins this server's certificate authority{' '}
        <span className="mono">{token.caFingerprint}</span>.
      </p>
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </section>
  );
}
