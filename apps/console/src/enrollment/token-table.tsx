import { useState } from 'react';
import type { EnrollmentToken } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { count } from '../format.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';

interface Props {
  tokens: EnrollmentToken[] | null;
  onRevoked: (token: EnrollmentToken) => void;
}

const COLUMNS = ['Label', 'Entity', 'Created by', 'Created', 'Expires', { label: 'Uses', num: true }, 'State', ACTIONS];

export function TokenTable({ tokens, onRevoked }: Props) {
  const [error, setError] = useState<string | null>(null);
  // Asked twice, so that a stray click does not lock out the installers using the token.
  async function revoke(token: EnrollmentToken) {
    setError(null);
    try {
      onRevoked(await api.revokeToken(token.id));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <DataTable
        className="grid tokens"
        columns={COLUMNS}
        rows={tokens}
        empty="No enrollment token yet."
        row={(token) => (
          <tr key={token.id} data-testid={`token-row-${token.id}`}>
            <td>{token.label || <span className="muted">no label</span>}</td>
            <td>{token.entityName}</td>
            <td>{token.createdBy}</td>
            <TimeCell at={token.createdAt} titled />
            <TimeCell at={token.expiresAt} mode="future" label="Expires" />
            <td className="num">
              {count(token.uses)} / {count(token.maxUses)}
            </td>
            <td>
              <span className={`badge badge-token-${token.state}`}>{token.state}</span>
            </td>
            <td className="actions">
              {token.state === 'active' && <ConfirmButton label="Revoke" confirm="Revoke now" onConfirm={() => revoke(token)} />}
            </td>
          </tr>
        )}
      />
    </>
  );
}
