import { useState } from 'react';
import type { DeploymentSummary } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { Crumbs } from '../ui/crumbs.js';
import { useTitle } from '../ui/use-title.js';
import { AuditPanel } from './audit-panel.js';
import { liveSummary } from './deployment-view.js';
import { DeploymentSummaryPanel } from './deployment-summary.js';
import { TargetTable } from './target-table.js';
import { useDeployment } from './use-deployment.js';

const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', stopped: 'Offline' } as const;

export function DeploymentPage({ deploymentId }: { deploymentId: string }) {
  const [machine, setMachine] = useState<string | null>(null);
  const { detail, error, lines, capped, liveState, applySummary } = useDeployment(deploymentId, machine);
  const summary = detail ? liveSummary(detail) : null;
  useTitle(summary?.title ?? null);
  return (
    <section aria-labelledby="deployment-title">
      <Crumbs to="/deployments">Deployments</Crumbs>
      {!detail && !error && <p className="muted">Loading…</p>}
      {error && <Alert>{error}</Alert>}
      {detail && summary && (
        <>
          <div className="toolbar">
            <h1 id="deployment-title">{summary.title}</h1>
            <span className={`badge badge-deploy-${summary.status}`} data-testid="deployment-status">
              {summary.status}
            </span>
            {summary.converge && (
              <span
                className="tag"
                data-testid="deployment-converge"
                title="Machines that join later get it, and it is deployed again where it goes missing"
              >
                kept applied
              </span>
            )}
            <span className={`live live-${liveState} on-light`} data-testid="deployment-live">
              {LIVE_TEXT[liveState]}
            </span>
            <span className="spacer" />
            <WholeActions
              summary={summary}
              hasEnded={detail.targets.some((t) => t.final && t.state !== 'success')}
              onSummary={applySummary}
            />
          </div>
          <DeploymentSummaryPanel summary={summary} />
          <TargetTable deploymentId={detail.id} targets={detail.targets} total={summary.total} onSummary={applySummary} />
          <AuditPanel lines={lines} capped={capped} targets={detail.targets} machine={machine} onMachine={setMachine} />
        </>
      )}
    </section>
  );
}

/** Stop (asked twice: it kills running steps; it ends convergence) and restart (the machines that did not succeed). */
function WholeActions({
  summary,
  hasEnded,
  onSummary,
}: {
  summary: DeploymentSummary;
  hasEnded: boolean;
  onSummary: (s: DeploymentSummary) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<DeploymentSummary>) => {
    setBusy(true);
    setError(null);
    call()
      .then(onSummary, (failure: unknown) => setError(errorMessage(failure)))
      .finally(() => {
        setBusy(false);
        setConfirming(false);
      });
  };
  return (
    <>
      {error && <span className="error-text">{error}</span>}
      {/* A deployment kept applied goes on (new members, checks) even with every target ended. */}
      {(summary.status === 'active' || (summary.converge && summary.status !== 'stopped')) &&
        (confirming ? (
          <span className="confirm">
            <button type="button" className="danger" disabled={busy} onClick={() => run(() => api.stopDeployment(summary.id))}>
              Stop every machine now
            </button>
            <button type="button" className="ghost" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Stop
          </button>
        ))}
      <button
        type="button"
        disabled={busy || !hasEnded}
        title="A new attempt on every machine that did not succeed"
        onClick={() => run(() => api.restartDeployment(summary.id))}
      >
        Restart failed
      </button>
    </>
  );
}
