import { useCallback, useEffect, useState } from 'react';
import { Alert } from '../ui/alert.js';
import { Crumbs } from '../ui/crumbs.js';
import { osList } from '../ui/os-checks.js';
import { useTitle } from '../ui/use-title.js';
import { DetailsPanel } from './details-panel.js';
import { FilesPanel } from './files-panel.js';
import { StepEditor } from './step-editor.js';
import { SubmitBar } from './submit-bar.js';
import { usePackage } from './use-package.js';
import { VersionsTable } from './versions-table.js';

export function PackagePage({ packageId }: { packageId: string }) {
  const { detail, error, loading, reload, apply } = usePackage(packageId);
  const [dirtyDetails, setDirtyDetails] = useState(false);
  const [dirtySteps, setDirtySteps] = useState(false);
  const unsaved = dirtyDetails || dirtySteps;
  useTitle(detail?.name ?? null);
  // Closing the tab with unsaved steps asks first; moving inside the console does not (yet).
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  const onDirtyDetails = useCallback((dirty: boolean) => setDirtyDetails(dirty), []);
  const onDirtySteps = useCallback((dirty: boolean) => setDirtySteps(dirty), []);

  const current = detail?.current;
  const editable = current?.status === 'pending';
  return (
    <section aria-labelledby="package-title">
      <Crumbs to="/packages">Packages</Crumbs>
      {loading && !detail && <p className="muted">Loading…</p>}
      {error && <Alert>{error}</Alert>}
      {detail && current && (
        <>
          <SubmitBar pkg={detail} unsaved={unsaved} onChanged={(changed) => (changed ? apply(changed) : reload())}>
            <h1 id="package-title">{detail.name}</h1>
            <span className={`badge badge-${current.status}`} data-testid="package-status">
              {current.version} {current.status}
            </span>
            <span className="muted">{osList(current.os)}</span>
          </SubmitBar>
          {editable ? (
            <p className="lead">
              Version {current.version} is being edited: change its files and steps, then submit it to freeze it and make it deployable.
            </p>
          ) : (
            <p className="lead">Version {current.version} is submitted and never changes. Editing starts the next version from it.</p>
          )}
          <DetailsPanel pkg={detail} editable={editable} onSaved={apply} onDirty={onDirtyDetails} />
          <FilesPanel packageId={detail.id} version={current} editable={editable} onChanged={reload} />
          <StepEditor packageId={detail.id} version={current} editable={editable} onSaved={apply} onDirty={onDirtySteps} />
          <h2 className="section-title">Versions</h2>
          <VersionsTable packageId={detail.id} versions={detail.versions} />
        </>
      )}
    </section>
  );
}
