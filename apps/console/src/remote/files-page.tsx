import { useLocation, navigate } from '../router.js';
import { filesPath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { FileTable } from './file-table.js';
import { FileUpload } from './file-upload.js';
import { startPath, trimPath } from './file-paths.js';
import { PathBar } from './path-bar.js';
import { RemoteHead } from './remote-head.js';
import { useFileList } from './use-file-list.js';
import { useRemoteMachine } from './use-remote-machine.js';

/**
 * The machine's files through its agent: a directory at a time (its path in the address, so Back
 * and reloads work), downloads, and an upload into the directory shown.
 */
export function FilesPage({ machineId }: { machineId: string }) {
  const machine = useRemoteMachine(machineId);
  const { query } = useLocation();
  const asked = query.get('path');
  // Without a path in the address, the start depends on the system: wait for the machine.
  const known = machine.detail !== null || machine.error !== null;
  const path = asked ? trimPath(asked) : known ? startPath(machine.detail?.platform) : null;
  const files = useFileList(machineId, path);
  const listing = files.listing;
  // What the machine answered (its absolute path) once it has; what was asked meanwhile or on a refusal.
  const shown = listing && !files.loading && !files.error ? listing.path : (path ?? '');

  return (
    <section className="remote-page" aria-labelledby="remote-title">
      <RemoteHead machineId={machineId} machine={machine} title="Files" />
      {path !== null && <PathBar path={shown} onGo={(to) => navigate(filesPath(machineId, to))} onReload={files.reload} />}
      {files.error && <Alert>{files.error}</Alert>}
      {listing?.truncated && <Alert kind="info">This directory holds more entries than are shown.</Alert>}
      {listing && <FileUpload machineId={machineId} directory={listing.path} onUploaded={files.reload} />}
      {listing ? (
        <FileTable machineId={machineId} path={listing.path} entries={listing.entries} loading={files.loading} />
      ) : (
        files.loading && !files.error && <p className="muted">Loading…</p>
      )}
    </section>
  );
}
