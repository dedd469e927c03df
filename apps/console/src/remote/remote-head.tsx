import type { ReactNode } from 'react';
import { machinePath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { Crumbs } from '../ui/crumbs.js';
import { StatusBadge } from '../ui/status-badge.js';
import { useTitle } from '../ui/use-title.js';
import type { RemoteMachine } from './use-remote-machine.js';

interface Props {
  machineId: string;
  machine: RemoteMachine;
  /** "Remote desktop", "Terminal", "Files". */
  title: string;
  /** The page's buttons, at the end of its title bar. */
  children?: ReactNode;
}

/** A remote page's way back to the machine, its title with the machine's name and status, and its buttons. */
export function RemoteHead({ machineId, machine, title, children }: Props) {
  const name = machine.detail?.hostname ?? null;
  useTitle(name ? `${title} · ${name}` : title);
  return (
    <>
      <Crumbs to={machinePath(machineId)}>{name ?? 'Machine'}</Crumbs>
      <div className="toolbar">
        <h1 id="remote-title">
          {title}
          {name && <span className="muted"> · {name}</span>}
        </h1>
        {machine.detail && <StatusBadge machine={machine.detail} />}
        <span className="spacer" />
        {children}
      </div>
      {machine.error && <Alert>{machine.error}</Alert>}
    </>
  );
}
