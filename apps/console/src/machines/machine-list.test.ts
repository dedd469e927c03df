import { describe, expect, it } from 'vitest';
import type { MachineSummary } from '@pons/protocol';
import { applyEvent, compareMachines, fromServer, matchesSearch, type ListFilter, type ListState } from './machine-list.js';

function machine(id: string, hostname: string, overrides: Partial<MachineSummary> = {}): MachineSummary {
  return {
    id,
    hostname,
    status: 'online',
    statusSince: 1_000,
    offlineReason: null,
    lastSeenAt: 1_000,
    platform: 'linux',
    osName: 'Debian GNU/Linux',
    osVersion: '12',
    arch: 'x64',
    ipAddresses: ['10.0.0.1'],
    macAddresses: ['52:54:00:12:34:56'],
    entityId: 'root',
    entityName: 'Root',
    agentVersion: '0.1.0',
    enrolledAt: 1_000,
    inventoryAt: null,
    ...overrides,
  };
}

const all: ListFilter = { status: null, q: '', offset: 0, limit: 200 };
const list = (
  items: MachineSummary[],
  counts = { online: items.filter((m) => m.status === 'online').length, offline: items.filter((m) => m.status === 'offline').length },
): ListState => fromServer({ items, total: items.length, counts });
const changed = (m: MachineSummary) => ({ type: 'machine.changed' as const, machine: m });
const offline = (m: MachineSummary): MachineSummary => ({ ...m, status: 'offline', offlineReason: 'agent-stopped', statusSince: 2_000 });

describe('applyEvent on the unfiltered first page', () => {
  it('inserts a new machine in hostname order and counts it', () => {
    const state = list([machine('1', 'alpha'), machine('3', 'gamma')]);
    const next = applyEvent(state, changed(machine('2', 'beta')), all);
    expect(next.items.map((m) => m.hostname)).toEqual(['alpha', 'beta', 'gamma']);
    expect(next).toMatchObject({ total: 3, counts: { online: 3, offline: 0 }, stale: false });
  });

  it('replaces a known machine in place and moves the counts', () => {
    const beta = machine('2', 'beta');
    const state = list([machine('1', 'alpha'), beta]);
    const next = applyEvent(state, changed(offline(beta)), all);
    expect(next.items[1]).toMatchObject({ id: '2', status: 'offline', offlineReason: 'agent-stopped' });
    expect(next).toMatchObject({ total: 2, counts: { online: 1, offline: 1 }, stale: false });
  });

  it('re-sorts a machine whose hostname changed', () => {
    const state = list([machine('1', 'alpha'), machine('2', 'beta')]);
    const next = applyEvent(state, changed(machine('1', 'zulu')), all);
    expect(next.items.map((m) => m.hostname)).toEqual(['beta', 'zulu']);
  });

  it('removes a machine and its count', () => {
    const state = list([machine('1', 'alpha'), machine('2', 'beta')]);
    const next = applyEvent(state, { type: 'machine.removed', machineId: '1' }, all);
    expect(next.items.map((m) => m.id)).toEqual(['2']);
    expect(next).toMatchObject({ total: 1, counts: { online: 1, offline: 0 } });
  });

  it('leaves state untouched for a machine removed that it never showed', () => {
    const state = list([machine('1', 'alpha')]);
    expect(applyEvent(state, { type: 'machine.removed', machineId: 'other' }, all)).toBe(state);
  });
});

describe('applyEvent with a search', () => {
  const search: ListFilter = { ...all, q: 'web' };

  it('ignores machines outside the search', () => {
    const state = list([machine('1', 'web-1')]);
    expect(applyEvent(state, changed(machine('2', 'db-1')), search)).toBe(state);
  });

  it('drops a shown machine that no longer matches, with its count', () => {
    const state = list([machine('1', 'web-1'), machine('2', 'web-2')]);
    const next = applyEvent(state, changed(machine('2', 'db-2')), search);
    expect(next.items.map((m) => m.id)).toEqual(['1']);
    expect(next).toMatchObject({ total: 1, counts: { online: 1, offline: 0 } });
  });

  it('matches addresses and the exact id, as the server does', () => {
    const m = machine('abc-123', 'host', { ipAddresses: ['192.168.1.20'], macAddresses: ['aa:bb:cc:dd:ee:ff'] });
    expect(matchesSearch(m, '168.1')).toBe(true);
    expect(matchesSearch(m, 'DD:EE')).toBe(true);
    expect(matchesSearch(m, 'abc-123')).toBe(true);
    expect(matchesSearch(m, 'abc-12')).toBe(false);
    expect(matchesSearch(m, '%')).toBe(true);
  });
});

describe('applyEvent with a status filter', () => {
  const onlineOnly: ListFilter = { ...all, status: 'online' };

  it('drops a machine that went offline but keeps counting it', () => {
    const beta = machine('2', 'beta');
    const state = fromServer({ items: [machine('1', 'alpha'), beta], total: 2, counts: { online: 2, offline: 5 } });
    const next = applyEvent(state, changed(offline(beta)), onlineOnly);
    expect(next.items.map((m) => m.id)).toEqual(['1']);
    expect(next).toMatchObject({ total: 1, counts: { online: 1, offline: 6 }, stale: false });
  });

  it('shows an unseen machine coming online and asks for a refetch to settle the counts', () => {
    const state = fromServer({ items: [machine('1', 'alpha')], total: 1, counts: { online: 1, offline: 5 } });
    const next = applyEvent(state, changed(machine('9', 'beta')), onlineOnly);
    expect(next.items.map((m) => m.id)).toEqual(['1', '9']);
    expect(next.stale).toBe(true);
    expect(next.counts).toEqual({ online: 1, offline: 5 });
  });
});

describe('applyEvent on a partial page', () => {
  it('does not grow a full page past its limit', () => {
    const filter: ListFilter = { ...all, limit: 2 };
    const state = fromServer({ items: [machine('1', 'a'), machine('2', 'c')], total: 10, counts: { online: 10, offline: 0 } });
    const next = applyEvent(state, changed(machine('3', 'b')), filter);
    expect(next.items.map((m) => m.hostname)).toEqual(['a', 'b']);
    expect(next.stale).toBe(true);
  });

  it('leaves later pages to the refetch', () => {
    const filter: ListFilter = { ...all, offset: 200 };
    const state = fromServer({ items: [machine('1', 'm')], total: 201, counts: { online: 201, offline: 0 } });
    const next = applyEvent(state, changed(machine('2', 'n')), filter);
    expect(next.items).toHaveLength(1);
    expect(next.stale).toBe(true);
  });
});

describe('compareMachines', () => {
  it('orders by hostname bytes, then id', () => {
    const sorted = [machine('b', 'web'), machine('a', 'web'), machine('c', 'Web')].sort(compareMachines);
    expect(sorted.map((m) => m.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('applyEvent on a stale page', () => {
  it('never shows a negative count while a refetch is due', () => {
    const onlineOnly: ListFilter = { ...all, status: 'online' };
    // The page was fetched while the machine was offline; its coming online was replayed on top.
    let state = fromServer({ items: [], total: 0, counts: { online: 0, offline: 1 } });
    const m = machine('1', 'alpha');
    state = applyEvent(state, changed(m), onlineOnly);
    state = applyEvent(state, changed(offline(m)), onlineOnly);
    expect(state.items).toEqual([]);
    expect(state.counts).toEqual({ online: 0, offline: 1 });
    expect(state.stale).toBe(true);
  });
});

describe('applyEvent twice', () => {
  it('changes nothing the second time, so replaying events after a refetch is safe', () => {
    const beta = machine('2', 'beta');
    const events = [changed(offline(beta)), changed(machine('3', 'gamma')), { type: 'machine.removed' as const, machineId: '1' }];
    for (const event of events) {
      const once = applyEvent(list([machine('1', 'alpha'), beta]), event, all);
      expect(applyEvent(once, event, all)).toEqual(once);
    }
  });
});
