import '@xterm/xterm/css/xterm.css';
import { useRef } from 'react';
import { RemoteHead } from './remote-head.js';
import { SessionStatus, SessionToggle } from './session-status.js';
import { useRemoteMachine } from './use-remote-machine.js';
import { useTerminal } from './use-terminal.js';

/**
 * A shell on the machine in xterm.js, filling the page. Loaded on demand (xterm stays out of the
 * main bundle). `data-state` on the terminal: `connecting`, `connected` (the socket is open), `closed`.
 */
export default function TerminalPage({ machineId }: { machineId: string }) {
  const machine = useRemoteMachine(machineId);
  const container = useRef<HTMLDivElement>(null);
  const session = useTerminal(machineId, container);
  const { kind } = session.state;
  return (
    <section className="remote-page" aria-labelledby="remote-title">
      <RemoteHead machineId={machineId} machine={machine} title="Terminal">
        <SessionToggle session={session} />
      </RemoteHead>
      <SessionStatus state={session.state} />
      <div ref={container} className="remote-terminal" data-testid="terminal" data-state={kind} />
    </section>
  );
}
