import type { MachineDetail } from '@pons/protocol';
import { Link } from '../router.js';
import { remotePath } from '../routes.js';
import { markSessionRequested } from './remote-timing.js';
import { useRemoteAccess } from './use-remote-access.js';
import { WakeAction } from './wake-action.js';

type Machine = Pick<MachineDetail, 'id' | 'entityId' | 'status'>;

/**
 * The machine page's remote actions, for users holding `remote` read-write on its entity: a
 * desktop, a terminal and the files when it is online; Wake-on-LAN always (it is of use offline).
 */
export function RemoteActions({ machine }: { machine: Machine }) {
  const allowed = useRemoteAccess(machine.entityId);
  if (!allowed) return null;
  const online = machine.status === 'online';
  return (
    <section className="panel remote-actions" aria-labelledby="remote-actions-title" data-testid="remote-actions">
      <h2 id="remote-actions-title">Remote</h2>
      <div className="form-row">
        {online && (
          <>
            <Link className="button" to={remotePath(machine.id, 'desktop')} onClick={markSessionRequested} data-testid="remote-desktop">
              Remote desktop
            </Link>
            <Link className="button" to={remotePath(machine.id, 'terminal')} onClick={markSessionRequested} data-testid="remote-terminal">
              Terminal
            </Link>
            <Link className="button" to={remotePath(machine.id, 'files')} data-testid="remote-files">
              Files
            </Link>
          </>
        )}
        <WakeAction machineId={machine.id} />
      </div>
    </section>
  );
}
