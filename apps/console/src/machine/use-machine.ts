import { useCallback, useEffect, useRef, useState } from 'react';
import type { MachineDetail, MachineInventory } from '@pons/protocol';
import { api, ApiError, errorMessage } from '../api.js';
import { useLiveEvents, useLiveReconnect } from '../live/live.js';

export interface MachineView {
  detail: MachineDetail | null;
  inventory: MachineInventory | null;
  /** Why the machine itself cannot be shown. */
  error: string | null;
  /** Why there is no inventory (none sent yet, for instance). */
  inventoryError: string | null;
  loading: boolean;
}

/**
 * One machine, its latest inventory, and live changes: status from each `machine.changed`,
 * and a refetch when one announces a newer inventory than the one shown.
 */
export function useMachine(ref: string) {
  const [view, setView] = useState<MachineView>({ detail: null, inventory: null, error: null, inventoryError: null, loading: true });
  const latest = useRef(0);

  const load = useCallback(() => {
    const id = ++latest.current;
    void Promise.allSettled([api.machine(ref), api.inventory(ref)]).then(([detail, inventory]) => {
      if (id !== latest.current) return;
      setView({
        detail: detail.status === 'fulfilled' ? detail.value : null,
        error: detail.status === 'rejected' ? errorMessage(detail.reason) : null,
        inventory: inventory.status === 'fulfilled' ? inventory.value : null,
        inventoryError: inventory.status === 'rejected' && !(detail.status === 'rejected') ? inventoryProblem(inventory.reason) : null,
        loading: false,
      });
    });
  }, [ref]);

  useEffect(load, [load]);
  useLiveReconnect(load);

  useLiveEvents((event) => {
    const current = view.detail;
    if (!current) return;
    if (event.type === 'machine.removed') {
      if (event.machineId === current.id) setView((v) => ({ ...v, detail: null, error: 'This machine has been removed.' }));
      return;
    }
    if (event.machine.id !== current.id) return;
    const newerInventory = event.machine.inventoryAt !== null && event.machine.inventoryAt !== current.inventoryAt;
    setView((v) => (v.detail ? { ...v, detail: { ...v.detail, ...event.machine } } : v));
    if (newerInventory) load();
  });

  return { ...view, reload: load };
}

function inventoryProblem(reason: unknown): string {
  if (reason instanceof ApiError && reason.code === 'PONS_E_NOT_FOUND')
    return 'This machine has not sent an inventory yet. It does so right after it connects.';
  return errorMessage(reason);
}
