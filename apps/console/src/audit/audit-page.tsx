import { useCallback, useEffect, useState } from 'react';
import type { AuditLogEntry } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { useEntities } from '../admin/use-choices.js';
import { errorMessage } from '../api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { can } from '../auth/permissions.js';
import { Alert } from '../ui/alert.js';
import { NoAccess } from '../ui/no-access.js';
import { useDebounced } from '../ui/use-debounced.js';
import { useForm } from '../ui/use-form.js';
import { useLatest } from '../ui/use-latest.js';
import { useTitle } from '../ui/use-title.js';
import { AuditFilterBar } from './audit-filters.js';
import { auditExportUrl, auditQuery, emptyAuditFilters, type AuditFilters } from './audit-query.js';
import { AuditTable } from './audit-table.js';

const PAGE_SIZE = 100;

export function AuditPage() {
  const { user } = useCurrentSession();
  if (!can(user, 'history', 'ro')) return <NoAccess title="Audit log" what="the history (audit log)" />;
  return <AuditLog />;
}

/** Who did what, when, from where, on what, and how it ended: newest first, a page at a time. */
function AuditLog() {
  const { form: filters, setForm: setFilters, change } = useForm<AuditFilters>(emptyAuditFilters);
  const settled = useDebounced(filters, 300);
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const entities = useEntities();
  const { follow } = useLatest();
  useTitle('Audit log');

  const fetchPage = useCallback(
    (wanted: AuditFilters, before: string | null) => {
      setLoading(true);
      follow(
        adminApi.audit({ ...auditQuery(wanted), ...(before ? { before } : {}), limit: PAGE_SIZE }),
        (page) => {
          setEntries((shown) => (before && shown ? [...shown, ...page.items] : page.items));
          setNext(page.next);
          setError(null);
          setLoading(false);
        },
        (failure) => {
          setError(errorMessage(failure));
          setLoading(false);
        },
      );
    },
    [follow],
  );

  useEffect(() => fetchPage(settled, null), [settled, fetchPage]);

  return (
    <section aria-labelledby="audit-title">
      <div className="toolbar">
        <h1 id="audit-title">Audit log</h1>
        <span className="spacer" />
        <a className="button" href={auditExportUrl(filters, 'csv')} download>
          Export CSV
        </a>
        <a className="button" href={auditExportUrl(filters, 'json')} download>
          Export JSON
        </a>
      </div>
      <AuditFilterBar filters={filters} entities={entities} onChange={change} onClear={() => setFilters(emptyAuditFilters)} />
      {error && <Alert>{error}</Alert>}
      <AuditTable entries={entries} />
      <div className="table-foot">
        {next && (
          <button type="button" disabled={loading} onClick={() => fetchPage(settled, next)}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
        {!next && entries && entries.length > 0 && <span className="muted">End of the log for these filters.</span>}
      </div>
    </section>
  );
}
