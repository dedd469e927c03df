import { useRef } from 'react';
import { RemoteHead } from './remote-head.js';
import { SessionStatus, SessionToggle } from './session-status.js';
import { useDesktop } from './use-desktop.js';
import { useRemoteMachine } from './use-remote-machine.js';

/**
 * The machine's screen through noVNC, scaled to the page. Loaded on demand (noVNC stays out of
 * the main bundle). `data-state` on the screen says where the session is: `connecting`,
 * `connected` (noVNC's `connect`), `closed`.
 */
export default function DesktopPage({ machineId }: { machineId: string }) {
  const machine = useRemoteMachine(machineId);
  const screen = useRef<HTMLDivElement>(null);
  const session = useDesktop(machineId, screen);
  const { kind } = session.state;
  return (
    <section className="remote-page" aria-labelledby="remote-title">
      <RemoteHead machineId={machineId} machine={machine} title="Remote desktop">
        <button type="button" disabled={kind !== 'connected'} onClick={session.ctrlAltDel}>
          Ctrl-Alt-Del
        </button>
        <SessionToggle session={session} />
      </RemoteHead>
      <SessionStatus state={session.state} />
      <div ref={screen} className="remote-screen" data-testid="remote-screen" data-state={kind} />
    </section>
  );
}
