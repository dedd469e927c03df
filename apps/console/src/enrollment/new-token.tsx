import type { CreatedEnrollmentToken } from '@pons/protocol';
import { dateTime } from '../format.js';
import { SecretValue, ShownOnce } from '../ui/secret-value.js';

/** The secret, once: the server keeps only its hash. */
export function NewToken({ token, onDone }: { token: CreatedEnrollmentToken; onDone: () => void }) {
  return (
    <section className="panel new-token" aria-labelledby="created-title">
      <h2 id="created-title">Token created{token.label ? `: ${token.label}` : ''}</h2>
      <ShownOnce />
      <p className="muted">
        Entity <strong>{token.entityName}</strong> · up to {token.maxUses} {token.maxUses === 1 ? 'machine' : 'machines'} · expires{' '}
        {dateTime(token.expiresAt)}
      </p>
      <SecretValue id="token-label" label="Token" value={token.token} what="token" testId="new-token-value" />
      <SecretValue
        id="command-label"
        label="Agent command"
        value={token.agentCommand}
        what="command"
        testId="new-token-command"
        className="command"
      />
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
