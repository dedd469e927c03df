import type { LiveEvent, MachineList, MachineStatus, MachineSummary } from '@pons/protocol';

/**
 * The machines table as live state: a page fetched from the server, kept current by
 * `machine.changed` / `machine.removed` events. Pure functions, so the merging rules are tested
 * without a browser.
 *
 * Counts cover the search (`q`) but not the status filter, as the server computes them. When an
 * event cannot be accounted for exactly (a machine we never saw, on a filtered or partial page),
 * the state is marked `stale` and the page refetches quietly.
 */
export interface ListFilter {
  status: MachineStatus | null;
  q: string;
  offset: number;
  limit: number;
}

export interface ListState {
  items: MachineSummary[];
  total: number;
  counts: { online: number; offline: number };
  stale: boolean;
  /** Machines shown from events whose place in `counts` we cannot know; they leave the counts alone until the refetch. */
  uncounted: readonly string[];
}

export const emptyList: ListState = { items: [], total: 0, counts: { online: 0, offline: 0 }, stale: false, uncounted: [] };

export function fromServer(list: MachineList): ListState {
  return { items: list.items, total: list.total, counts: { ...list.counts }, stale: false, uncounted: [] };
}

/** The server's search, done locally: hostname, IP or MAC substring, or the exact id. */
export function matchesSearch(machine: MachineSummary, q: string): boolean {
  const needle = q.toLowerCase().replace(/[%_\\]/g, '');
  if (needle === '') return true;
  return (
    machine.id === q ||
    machine.hostname.toLowerCase().includes(needle) ||
    machine.ipAddresses.some((ip) => ip.toLowerCase().includes(needle)) ||
    machine.macAddresses.some((mac) => mac.toLowerCase().includes(needle))
  );
}

/** The server's order: hostname (byte order), then id. */
export function compareMachines(a: MachineSummary, b: MachineSummary): number {
  if (a.hostname !== b.hostname) return a.hostname < b.hostname ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function insertSorted(items: MachineSummary[], machine: MachineSummary): MachineSummary[] {
  const at = items.findIndex((other) => compareMachines(machine, other) < 0);
  return at < 0 ? [...items, machine] : [...items.slice(0, at), machine, ...items.slice(at)];
}

// Never below zero: counts from a stale page can lag behind the events until its refetch.
function shift(counts: ListState['counts'], status: MachineStatus, by: number): ListState['counts'] {
  return { ...counts, [status]: Math.max(0, counts[status] + by) };
}

const totalFor = (counts: ListState['counts'], filter: ListFilter) =>
  filter.status ? counts[filter.status] : counts.online + counts.offline;

/** Whether this page holds every machine the search matches (with room for one more), so an unseen machine must be new. */
const isComplete = (state: ListState, filter: ListFilter) =>
  filter.status === null && filter.offset === 0 && state.items.length >= state.total && state.items.length < filter.limit;

function changed(state: ListState, machine: MachineSummary, filter: ListFilter): ListState {
  const index = state.items.findIndex((m) => m.id === machine.id);
  const inSearch = matchesSearch(machine, filter.q);
  const shown = inSearch && (filter.status === null || filter.status === machine.status);
  if (index >= 0) {
    const before = state.items[index]!;
    let counts = state.counts;
    if (!state.uncounted.includes(machine.id)) {
      counts = shift(counts, before.status, -1);
      if (inSearch) counts = shift(counts, machine.status, 1);
    }
    const rest = state.items.filter((m) => m.id !== machine.id);
    const items = !shown
      ? rest
      : before.hostname === machine.hostname
        ? state.items.map((m) => (m.id === machine.id ? machine : m))
        : insertSorted(rest, machine);
    return { ...state, items, counts, total: totalFor(counts, filter) };
  }
  if (!inSearch) return state;
  if (isComplete(state, filter)) {
    const counts = shift(state.counts, machine.status, 1);
    return { ...state, items: insertSorted(state.items, machine), counts, total: totalFor(counts, filter) };
  }
  // A machine not on this page: new, or one we have not seen changing status. Show it if it
  // belongs on this page, and let a refetch settle the counts.
  const last = state.items[state.items.length - 1];
  const belongsHere =
    shown && filter.offset === 0 && (state.items.length < filter.limit || (last !== undefined && compareMachines(machine, last) < 0));
  const items = belongsHere ? insertSorted(state.items, machine).slice(0, filter.limit) : state.items;
  const uncounted = belongsHere ? [...state.uncounted, machine.id] : state.uncounted;
  return { ...state, items, stale: true, uncounted };
}

function removed(state: ListState, machineId: string, filter: ListFilter): ListState {
  const before = state.items.find((m) => m.id === machineId);
  if (!before) return isComplete(state, filter) ? state : { ...state, stale: true };
  const counts = state.uncounted.includes(machineId) ? state.counts : shift(state.counts, before.status, -1);
  return { ...state, items: state.items.filter((m) => m.id !== machineId), counts, total: totalFor(counts, filter) };
}

export function applyEvent(state: ListState, event: LiveEvent, filter: ListFilter): ListState {
  return event.type === 'machine.changed' ? changed(state, event.machine, filter) : removed(state, event.machineId, filter);
}
