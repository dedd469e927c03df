import { useEffect, useState } from 'react';
import type { MachineDetail } from '@pons/protocol';
import { api, errorMessage } from '../api.js';

export interface RemoteMachine {
  detail: MachineDetail | null;
  /** Why the machine cannot be shown; the session's own errors are the page's. */
  error: string | null;
}

/** The machine a remote page works on, for its name, status and system. */
export function useRemoteMachine(machineId: string): RemoteMachine {
  const [machine, setMachine] = useState<RemoteMachine>({ detail: null, error: null });
  useEffect(() => {
    let current = true;
    api.machine(machineId).then(
      (detail) => current && setMachine({ detail, error: null }),
      (failure: unknown) => current && setMachine({ detail: null, error: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [machineId]);
  return machine;
}
