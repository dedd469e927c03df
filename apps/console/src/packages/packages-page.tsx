import { useEffect, useState } from 'react';
import type { PackageSummary } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { plural } from '../format.js';
import { Alert } from '../ui/alert.js';
import { useDebounced } from '../ui/use-debounced.js';
import { useTitle } from '../ui/use-title.js';
import { NewPackageForm } from './new-package-form.js';
import { PackageTable } from './package-table.js';

export function PackagesPage() {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [packages, setPackages] = useState<PackageSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  useTitle('Packages');

  useEffect(() => {
    let current = true;
    api.packages(q).then(
      (list) => {
        if (!current) return;
        setPackages(list.items);
        setTotal(list.total);
        setError(null);
      },
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [q]);

  const nothingYet = packages !== null && packages.length === 0 && q === '';
  return (
    <section aria-labelledby="packages-title">
      <div className="toolbar">
        <h1 id="packages-title">Packages</h1>
        <label className="search">
          <span className="sr-only">Search packages</span>
          <input type="search" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <span className="spacer" />
        {packages && <span className="muted">{plural(total, 'package')}</span>}
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New package
          </button>
        )}
      </div>
      {error && <Alert>{error}</Alert>}
      {creating && <NewPackageForm onCancel={() => setCreating(false)} />}
      {nothingYet && !creating ? (
        <div className="panel empty">
          <h2>No packages yet</h2>
          <p>
            A package holds files and, for each system, the steps that install them. Create one, upload its files, write its steps and
            submit it: then it can be deployed.
          </p>
        </div>
      ) : (
        <PackageTable
          packages={packages ?? []}
          loading={packages === null}
          emptyText={q ? 'No package matches this search.' : 'No packages.'}
        />
      )}
    </section>
  );
}
