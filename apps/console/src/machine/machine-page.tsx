import { Alert } from '../ui/alert.js';
import { Crumbs } from '../ui/crumbs.js';
import { StatusBadge } from '../ui/status-badge.js';
import { QuickActions } from '../quick-actions/quick-actions.js';
import { RemoteActions } from '../remote/remote-actions.js';
import { useTitle } from '../ui/use-title.js';
import { InventoryView } from './inventory-view.js';
import { MachineSummaryPanel } from './machine-summary.js';
import { MoveMachine } from './move-machine.js';
import { RefreshButton } from './refresh-button.js';
import { useMachine } from './use-machine.js';

export function MachinePage({ machineId }: { machineId: string }) {
  const machine = useMachine(machineId);
  const { detail } = machine;
  useTitle(detail?.hostname ?? null);
  return (
    <section aria-labelledby="machine-title">
      <Crumbs to="/machines">Machines</Crumbs>
      {machine.loading && <p className="muted">Loading…</p>}
      {machine.error && <Alert>{machine.error}</Alert>}
      {detail && (
        <>
          <div className="toolbar">
            <h1 id="machine-title">{detail.hostname}</h1>
            <StatusBadge machine={detail} testId="machine-page-status" />
            <span className="spacer" />
            <RefreshButton machineId={detail.id} inventoryAt={detail.inventoryAt} />
          </div>
          <MachineSummaryPanel machine={detail} />
          <MoveMachine machineId={detail.id} entityId={detail.entityId} onMoved={machine.reload} />
          <RemoteActions machine={detail} />
          <QuickActions machineId={detail.id} hostname={detail.hostname} />
          {machine.inventoryError && <Alert kind="info">{machine.inventoryError}</Alert>}
          {machine.inventory && <InventoryView inventory={machine.inventory} />}
        </>
      )}
    </section>
  );
}
