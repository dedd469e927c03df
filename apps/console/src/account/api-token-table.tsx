import type { ApiToken } from '@pons/protocol';
import { dateTime } from '../format.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { RelativeTime } from '../ui/relative-time.js';
import { narrowingText } from './token-request.js';

const STATE_CLASS = { active: 'badge-token-active', expired: 'badge-token-expired', revoked: 'badge-token-revoked' } as const;

export function ApiTokenTable({ tokens, onRevoke }: { tokens: ApiToken[] | null; onRevoke: (token: ApiToken) => Promise<void> }) {
  if (tokens === null) return <p className="muted">Loading…</p>;
  return (
    <div className="table-wrap">
      <table className="grid api-tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Limited to</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-testid={`api-token-row-${token.name}`}>
              <td className="name">{token.name}</td>
              <td className="mono">{token.prefix}…</td>
              <td>{narrowingText(token.narrowing)}</td>
              <td className="nowrap" title={dateTime(token.createdAt)}>
                <RelativeTime at={token.createdAt} />
              </td>
              <td className="nowrap">
                <RelativeTime at={token.expiresAt} mode="future" label="Expires" />
              </td>
              <td className="nowrap">
                <RelativeTime at={token.lastUsedAt} empty="never" />
              </td>
              <td>
                <span className={`badge ${STATE_CLASS[token.state]}`}>{token.state}</span>
              </td>
              <td className="actions">
                {token.state === 'active' && (
                  <ConfirmButton label="Revoke" confirm="Revoke now" what={token.name} onConfirm={() => onRevoke(token)} />
                )}
              </td>
            </tr>
          ))}
          {tokens.length === 0 && (
            <tr>
              <td colSpan={8} className="empty-row">
                No API token yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
