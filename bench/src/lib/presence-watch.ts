import type { LiveEvent, MachineList, MachineSummary } from '@pons/protocol';
import type { ApiClient } from '@pons/test-kit';

/** A group of simulated agents: one simulator process, one run id, so its hostnames share a prefix. */
export interface AgentGroup {
  name: string;
  runId: string;
  agents: number;
  /** What the group's agents are put through, and the offline reason that must follow; null: nothing, they stay up. */
  expected: MachineSummary['offlineReason'] | null;
  /** When (performance.now) the group was put through it. */
  actedAt: number | null;
}

export interface OfflineSeen {
  hostname: string;
  reason: MachineSummary['offlineReason'];
  at: number;
}

const prefixOf = (runId: string) => `sim-${runId}-`;

/**
 * Everything the live stream said about the fleet's presence, by group: every offline event of
 * every machine, and the last status each machine was shown with. The console shows what this
 * stream says, so a false "offline" here is one a user would have seen.
 */
export class PresenceWatch {
  private readonly byPrefix: Map<string, AgentGroup>;
  readonly offline = new Map<string, OfflineSeen[]>();
  readonly last = new Map<string, MachineSummary>();
  events = 0;
  private stream: { close(): void } | null = null;

  constructor(private readonly groups: AgentGroup[]) {
    this.byPrefix = new Map(groups.map((g) => [prefixOf(g.runId), g]));
    for (const g of groups) this.offline.set(g.name, []);
  }

  groupOf(hostname: string): AgentGroup | undefined {
    const prefix = /^sim-[a-z0-9]+-/.exec(hostname)?.[0];
    return prefix ? this.byPrefix.get(prefix) : undefined;
  }

  async start(api: ApiClient): Promise<void> {
    this.stream = await api.events((event: LiveEvent) => {
      if (event.type !== 'machine.changed') return;
      this.events++;
      const group = this.groupOf(event.machine.hostname);
      if (!group) return;
      this.last.set(event.machine.id, event.machine);
      if (event.machine.status === 'offline')
        this.offline
          .get(group.name)!
          .push({ hostname: event.machine.hostname, reason: event.machine.offlineReason, at: performance.now() });
    });
  }

  stop(): void {
    this.stream?.close();
  }
}

/** How many machines of a group the database shows with this status (the machines list, by hostname prefix). */
export async function countInGroup(api: ApiClient, group: AgentGroup, status: 'online' | 'offline'): Promise<number> {
  const list = await api.call<MachineList>('GET', `/api/v1/machines?status=${status}&q=${prefixOf(group.runId)}&limit=1`);
  return list.total;
}

/** Offline reasons of a group's machines in the database, counted. */
export async function reasonsInGroup(api: ApiClient, group: AgentGroup): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let offset = 0; ; offset += 1000) {
    const page = await api.call<MachineList>(
      'GET',
      `/api/v1/machines?status=offline&q=${prefixOf(group.runId)}&limit=1000&offset=${offset}`,
    );
    for (const m of page.items) counts[m.offlineReason ?? 'none'] = (counts[m.offlineReason ?? 'none'] ?? 0) + 1;
    if (page.items.length < 1000) return counts;
  }
}
