import type { ApiToken } from '@pons/protocol';
import { ConfirmButton } from '../ui/confirm-button.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';
import { narrowingText } from './token-request.js';

const STATE_CLASS = { active: 'badge-token-active', expired: 'badge-token-expired', revoked: 'badge-token-revoked' } as const;
const COLUMNS = ['Name', 'Starts with', 'Limited to', 'Created', 'Expires', 'Last used', 'State', ACTIONS];

export function ApiTokenTable({ tokens, onRevoke }: { tokens: ApiToken[] | null; onRevoke: (token: ApiToken) => Promise<void> }) {
  return (
    <DataTable
      className="grid api-tokens"
      columns={COLUMNS}
      rows={tokens}
      empty="No API token yet."
      row={(token) => (
        <tr key={token.id} data-testid={`api-token-row-${token.name}`}>
          <td className="name">{token.name}</td>
          <td className="mono">{token.prefix}…</td>
          <td>{narrowingText(token.narrowing)}</td>
          <TimeCell at={token.createdAt} titled />
          <TimeCell at={token.expiresAt} mode="future" label="Expires" />
          <TimeCell at={token.lastUsedAt} empty="never" />
          <td>
            <span className={`badge ${STATE_CLASS[token.state]}`}>{token.state}</span>
          </td>
          <td className="actions">
            {token.state === 'active' && (
              <ConfirmButton label="Revoke" confirm="Revoke now" what={token.name} onConfirm={() => onRevoke(token)} />
            )}
          </td>
        </tr>
      )}
    />
  );
}
