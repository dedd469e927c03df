import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeploymentSummary } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { plural } from '../format.js';
import { Link } from '../router.js';
import { newDeploymentPath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { useTitle } from '../ui/use-title.js';
import { DeploymentTable } from './deployment-table.js';

const POLL_MS = 5_000;

/** Deployments, newest first, refreshed every few seconds while the page is visible. */
export function DeploymentsPage() {
  const [deployments, setDeployments] = useState<DeploymentSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  useTitle('Deployments');

  const load = useCallback(() => {
    const id = ++latest.current;
    api.deployments().then(
      (list) => {
        if (id !== latest.current) return;
        setDeployments(list.items);
        setTotal(list.total);
        setError(null);
      },
      (failure: unknown) => id === latest.current && setError(errorMessage(failure)),
    );
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(() => document.visibilityState === 'visible' && load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section aria-labelledby="deployments-title">
      <div className="toolbar">
        <h1 id="deployments-title">Deployments</h1>
        <span className="spacer" />
        {deployments && <span className="muted">{plural(total, 'deployment')}</span>}
        <button type="button" onClick={load}>
          Refresh
        </button>
        <Link to={newDeploymentPath()} className="button primary">
          New deployment
        </Link>
      </div>
      {error && <Alert>{error}</Alert>}
      <DeploymentTable deployments={deployments ?? []} loading={deployments === null} />
    </section>
  );
}
