import { CopyButton } from '../ui/copy-button.js';

/** The recovery codes, once: the server keeps only their hashes. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="new-token recovery" aria-labelledby="recovery-title" role="group">
      <h3 id="recovery-title">Recovery codes</h3>
      <p className="warning" role="alert">
        <strong>Save these codes now: they are shown only once.</strong> Each one logs you in once, in place of a code from the app, if you
        lose your phone. Keep them somewhere safe, away from your password.
      </p>
      <ul className="plain recovery-codes" data-testid="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} what="recovery codes" />
        <button type="button" onClick={onDone}>
          Done, I have saved them
        </button>
      </div>
    </div>
  );
}
