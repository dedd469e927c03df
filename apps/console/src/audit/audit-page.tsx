import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditLogEntry, Entity } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { api, errorMessage } from '../api.js';
import { useCurrentSession } from '../auth/current-user.js';
import { can } from '../auth/permissions.js';
import { Alert } from '../ui/alert.js';
import { NoAccess } from '../ui/no-access.js';
import { useDebounced } from '../ui/use-debounced.js';
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
  const [filters, setFilters] = useState<AuditFilters>(emptyAuditFilters);
  const settled = useDebounced(filters, 300);
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [entities, setEntities] = useState<Entity[]>([]);
  const latest = useRef(0);
  useTitle('Audit log');

  useEffect(() => {
    api.entities().then(
      (result) => setEntities(result.items),
      () => setEntities([]),
    );
  }, []);

  const fetchPage = useCallback((wanted: AuditFilters, before: string | null) => {
    const id = ++latest.current;
    setLoading(true);
    adminApi.audit({ ...auditQuery(wanted), ...(before ? { before } : {}), limit: PAGE_SIZE }).then(
      (page) => {
        if (id !== latest.current) return;
        setEntries((shown) => (before && shown ? [...shown, ...page.items] : page.items));
        setNext(page.next);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latest.current) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
  }, []);

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
      <AuditFilterBar
        filters={filters}
        entities={entities}
        onChange={(changes) => setFilters((f) => ({ ...f, ...changes }))}
        onClear={() => setFilters(emptyAuditFilters)}
      />
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
