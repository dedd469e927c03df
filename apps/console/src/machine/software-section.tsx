import { useDeferredValue, useMemo, useState } from 'react';
import type { InventoryNote, InventorySoftware } from '@pons/protocol';
import { bytes, count } from '../format.js';
import { DataTable } from '../ui/data-table.js';
import { Section } from './section.js';
import { filterSoftware, sortSoftware } from './software-filter.js';

/** Rows drawn at most; a filter narrows the rest down. Keeps a 5,000-package machine quick. */
const MAX_ROWS = 500;
const COLUMNS = ['Name', 'Version', 'Architecture', 'Publisher', 'Source', 'Installed', { label: 'Size', num: true }];

export function SoftwareSection({ software, notes }: { software: InventorySoftware[] | undefined; notes: InventoryNote[] }) {
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const sorted = useMemo(() => sortSoftware(software ?? []), [software]);
  const matches = useMemo(() => filterSoftware(sorted, deferred), [sorted, deferred]);
  const aside = software && (
    <div className="inv-tools">
      <span className="muted" data-testid="software-count">
        {deferred ? `${count(matches.length)} of ${count(software.length)} packages` : `${count(software.length)} packages`}
      </span>
      <label>
        <span className="sr-only">Filter software</span>
        <input type="search" placeholder="Filter by name, version, publisher" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
    </div>
  );
  return (
    <Section id="software" title="Installed software" notes={notes} hasData={software !== undefined} aside={aside} wide>
      <div className="scroll-y" tabIndex={0} role="region" aria-label="Installed software list">
        <DataTable
          className="grid compact"
          wrap={false}
          columns={COLUMNS}
          rows={matches.slice(0, MAX_ROWS)}
          empty={deferred ? 'No package matches this filter.' : 'No software reported.'}
          row={(item, index) => (
            <tr key={`${item.name}:${item.arch ?? ''}:${item.version ?? ''}:${index}`}>
              <td>{item.name}</td>
              <td className="mono">{item.version ?? '—'}</td>
              <td>{item.arch ?? '—'}</td>
              <td className="clip" title={item.publisher}>
                {item.publisher ?? '—'}
              </td>
              <td>{item.source ?? '—'}</td>
              <td className="nowrap">{item.installedAt ?? '—'}</td>
              <td className="num">{item.sizeBytes === undefined ? '—' : bytes(item.sizeBytes)}</td>
            </tr>
          )}
        />
      </div>
      {matches.length > MAX_ROWS && (
        <p className="muted table-foot">
          Showing the first {count(MAX_ROWS)} of {count(matches.length)}. Type in the filter to find a package.
        </p>
      )}
    </Section>
  );
}
