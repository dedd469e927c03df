import { useState } from 'react';
import { CommandHistory } from './command-history.js';
import { PowerAction } from './power-action.js';
import { ReconfigureAction } from './reconfigure-action.js';
import { ShellAction } from './shell-action.js';

/** Medulla's quick actions on one machine, and the history of the commands it was sent. */
export function QuickActions({ machineId, hostname }: { machineId: string; hostname: string }) {
  const [version, setVersion] = useState(0);
  const sent = () => setVersion((v) => v + 1);
  return (
    <section className="quick-actions" aria-labelledby="quick-actions-title">
      <h2 id="quick-actions-title" className="section-title">
        Quick actions
      </h2>
      <div className="quick-grid">
        <ShellAction machineId={machineId} onSent={sent} />
        <PowerAction machineId={machineId} hostname={hostname} onSent={sent} />
        <ReconfigureAction machineId={machineId} onSent={sent} />
      </div>
      <CommandHistory machineId={machineId} version={version} />
    </section>
  );
}
