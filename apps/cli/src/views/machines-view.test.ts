import { describe, expect, it } from 'vitest';
import type { MachineList, MachineSummary } from '@pons/protocol';
import { machineSummary, machineTable } from './machines-view.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

const machine = (overrides: Partial<MachineSummary>): MachineSummary => ({
  id: 'm-1',
  hostname: 'web-01',
  status: 'online',
  statusSince: NOW - 600_000,
  offlineReason: null,
  lastSeenAt: NOW - 5_000,
  platform: 'linux',
  osName: 'Ubuntu',
  osVersion: '24.04',
  arch: 'x64',
  ipAddresses: ['10.0.0.1'],
  macAddresses: [],
  entityId: 'root',
  entityName: 'root',
  agentVersion: '0.1.0',
  enrolledAt: NOW - 86_400_000,
  inventoryAt: null,
  ...overrides,
});

describe('machine list view', () => {
  it('shows status, why a machine is offline, and ages', () => {
    const text = machineTable(
      [
        machine({}),
        machine({
          id: 'm-2',
          hostname: 'laptop-7',
          status: 'offline',
          offlineReason: 'host-sleep',
          statusSince: NOW - 7_200_000,
          ipAddresses: ['a', 'b', 'c'],
        }),
      ],
      NOW,
    );
    const [header, first, second] = text.split('\n');
    expect(header).toMatch(/^ID\s+HOSTNAME\s+STATUS\s+SINCE\s+WHY OFFLINE\s+LAST SEEN\s+OS\s+IP\s+ENTITY$/);
    expect(first).toMatch(/^m-1\s+web-01\s+online\s+10m ago\s+-\s+5s ago\s+Ubuntu 24\.04\s+10\.0\.0\.1\s+root$/);
    expect(second).toContain('host went to sleep');
    expect(second).toContain('2h ago');
    expect(second).toContain('a, b (+1)');
  });

  it('summarises the counts and the slice shown', () => {
    const list: MachineList = { items: [machine({})], total: 1, counts: { online: 1, offline: 0 } };
    expect(machineSummary(list, 0)).toBe('1 machine (1 online, 0 offline)');
    expect(machineSummary({ ...list, total: 30, counts: { online: 20, offline: 10 } }, 10)).toBe(
      '30 machines (20 online, 10 offline); showing 11 to 11, use --limit and --offset for more',
    );
  });
});
