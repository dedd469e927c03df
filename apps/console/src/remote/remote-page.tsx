import { lazy, Suspense } from 'react';
import type { RemoteTool } from '../routes.js';
import { FilesPage } from './files-page.js';

// Loaded when first opened: noVNC and xterm.js stay out of the main bundle.
const DesktopPage = lazy(() => import('./desktop-page.js'));
const TerminalPage = lazy(() => import('./terminal-page.js'));

/** `/machines/<id>/desktop`, `/terminal` and `/files`. */
export function RemotePage({ machineId, tool }: { machineId: string; tool: RemoteTool }) {
  if (tool === 'files') return <FilesPage machineId={machineId} />;
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      {tool === 'desktop' ? <DesktopPage machineId={machineId} /> : <TerminalPage machineId={machineId} />}
    </Suspense>
  );
}
