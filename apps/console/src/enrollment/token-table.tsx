import { useState } from 'react';
import type { EnrollmentToken } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { count, dateTime } from '../format.js';
import { Alert } from '../ui/alert.js';
import { RelativeTime } from '../ui/relative-time.js';

interface Props {
  tokens: EnrollmentToken[] | null;
  onRevoked: (token: EnrollmentToken) => void;
}

export function TokenTable({ tokens, onRevoked }: Props) {
  const [error, setError] = useState<string | null>(null);
  if (tokens === null) return <p className="muted">Loading…</p>;
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <div className="table-wrap">
        <table className="grid tokens">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Entity</th>
              <th scope="col">Created by</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col" className="num">
                Uses
              </th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-testid={`token-row-${token.id}`}>
                <td>{token.label || <span className="muted">no label</span>}</td>
                <td>{token.entityName}</td>
                <td>{token.createdBy}</td>
                <td className="nowrap" title={dateTime(token.createdAt)}>
                  <RelativeTime at={token.createdAt} />
                </td>
                <td className="nowrap">
                  <RelativeTime at={token.expiresAt} mode="future" label="Expires" />
                </td>
                <td className="num">
                  {count(token.uses)} / {count(token.maxUses)}
                </td>
                <td>
                  <span className={`badge badge-token-${token.state}`}>{token.state}</span>
                </td>
                <td className="actions">
                  {token.state === 'active' && <RevokeButton token={token} onRevoked={onRevoked} onError={setError} />}
                </td>
              </tr>
            ))}
            {tokens.length === 0 && (
              <tr>
                <td colSpan={8} className="empty-row">
                  No enrollment token yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Two steps, so that a stray click does not lock out the installers using the token. */
function RevokeButton({
  token,
  onRevoked,
  onError,
}: {
  token: EnrollmentToken;
  onRevoked: (token: EnrollmentToken) => void;
  onError: (message: string | null) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  async function revoke() {
    setBusy(true);
    onError(null);
    try {
      onRevoked(await api.revokeToken(token.id));
    } catch (failure) {
      onError(errorMessage(failure));
      setBusy(false);
      setConfirming(false);
    }
  }
  if (!confirming) {
    return (
      <button type="button" className="small" onClick={() => setConfirming(true)}>
        Revoke
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className="small danger" disabled={busy} onClick={() => void revoke()}>
        Revoke now
      </button>
      <button type="button" className="small ghost" disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
