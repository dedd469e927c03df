import { useEffect, useMemo, useState } from 'react';
import type { MachineStatus } from '@pons/protocol';
import { count } from '../format.js';
import { Link, navigate, useLocation } from '../router.js';
import { Alert } from '../ui/alert.js';
import { useDebounced } from '../ui/use-debounced.js';
import { useTitle } from '../ui/use-title.js';
import { MachineTable } from './machine-table.js';
import { machinesExportUrl } from './machines-export.js';
import { Pager } from './pager.js';
import { useMachineList } from './use-machine-list.js';

const PAGE_SIZE = 200;
const SEARCH_DELAY_MS = 300;

const parseStatus = (value: string | null): MachineStatus | null => (value === 'online' || value === 'offline' ? value : null);

/** `/machines?status=…&q=…&page=…`, leaving out what is at its default. */
function machinesUrl(params: { status: MachineStatus | null; q: string; page: number }): string {
  const query = new URLSearchParams();
  if (params.status) query.set('status', params.status);
  if (params.q) query.set('q', params.q);
  if (params.page > 1) query.set('page', String(params.page));
  const text = query.toString();
  return text ? `/machines?${text}` : '/machines';
}

export function MachinesPage() {
  const { query } = useLocation();
  const status = parseStatus(query.get('status'));
  const q = query.get('q') ?? '';
  const page = Math.max(1, Math.floor(Number(query.get('page') ?? '1')) || 1);
  const filter = useMemo(() => ({ status, q, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }), [status, q, page]);
  const list = useMachineList(filter);
  useTitle('Machines');

  const [search, setSearch] = useState(q);
  // Back and forward change `q` under the search box: follow them (React's "adjust state while rendering").
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (q !== search.trim()) setSearch(q);
  }
  const settled = useDebounced(search.trim(), SEARCH_DELAY_MS);
  useEffect(() => {
    if (settled !== q) navigate(machinesUrl({ status, q: settled, page: 1 }), { replace: true });
    // Only a newly settled search moves the URL; status and page reach it through the tabs and pager.
  }, [settled]);

  const all = list.counts.online + list.counts.offline;
  const tabs: { value: MachineStatus | null; label: string; n: number }[] = [
    { value: null, label: 'All', n: all },
    { value: 'online', label: 'Online', n: list.counts.online },
    { value: 'offline', label: 'Offline', n: list.counts.offline },
  ];
  const nothingYet = !list.loading && !list.error && all === 0 && q === '';

  return (
    <section aria-labelledby="machines-title">
      <div className="toolbar">
        <h1 id="machines-title">Machines</h1>
        <div className="segmented" role="group" aria-label="Filter by status">
          {tabs.map((tab) => (
            <button
              key={tab.label}
              type="button"
              aria-pressed={status === tab.value}
              data-testid={`count-${tab.value ?? 'all'}`}
              onClick={() => navigate(machinesUrl({ status: tab.value, q, page: 1 }))}
            >
              {tab.label} <span className="count">{count(tab.n)}</span>
            </button>
          ))}
        </div>
        <label className="search">
          <span className="sr-only">Search machines</span>
          <input type="search" placeholder="Search hostname, IP or MAC" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <a className="button" href={machinesExportUrl({ status, q }, 'csv')} download>
          Export CSV
        </a>
        <Pager
          offset={filter.offset}
          shown={list.items.length}
          total={list.total}
          pageSize={PAGE_SIZE}
          onPage={(p) => navigate(machinesUrl({ status, q, page: p }))}
        />
      </div>
      {list.error && <Alert>{list.error}</Alert>}
      {nothingYet ? (
        <div className="panel empty">
          <h2>No machines yet</h2>
          <p>
            Create an enrollment token on the <Link to="/enrollment">Enrollment</Link> page and run the agent command it gives on each
            workstation. Machines appear here as soon as their agent connects.
          </p>
        </div>
      ) : (
        <MachineTable
          machines={list.items}
          loading={list.loading}
          emptyText={q || status ? 'No machine matches this filter.' : 'No machines.'}
        />
      )}
    </section>
  );
}
