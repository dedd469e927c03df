import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandResults, CommandSummary, CommandTargetResult } from '@pons/protocol';
import type { ApiClient } from '@pons/test-kit';

/** Sends `echo` to every machine; resolves with the server's summary once the POST returns. */
export function echoToAll(api: ApiClient, payload: string, ttlMs = 120_000): Promise<CommandSummary> {
  return api.call<CommandSummary>('POST', '/api/v1/commands', { name: 'echo', args: { payload }, targets: { all: true }, ttlMs });
}

export function summary(api: ApiClient, id: string): Promise<CommandSummary> {
  return api.call<CommandSummary>('GET', `/api/v1/commands/${id}`);
}

/** Targets that reached a final state. */
export function settledCount(s: CommandSummary): number {
  return s.total - s.counts.queued - s.counts.sent;
}

/**
 * Polls the summary every `intervalMs` until every target succeeded (or settled otherwise, or the
 * time ran out); `t` is when the bench saw it, in ms on `performance.now()`.
 */
export async function waitSettled(
  api: ApiClient,
  id: string,
  options: { intervalMs: number; timeoutMs: number },
): Promise<{ summary: CommandSummary; allSucceededAt: number | null; polls: number }> {
  const deadline = performance.now() + options.timeoutMs;
  for (let polls = 1; ; polls++) {
    const current = await summary(api, id);
    const now = performance.now();
    if (current.counts.succeeded === current.total) return { summary: current, allSucceededAt: now, polls };
    if (settledCount(current) === current.total || now > deadline) return { summary: current, allSucceededAt: null, polls };
    await sleep(options.intervalMs);
  }
}

/** Every target's outcome, 1,000 per page. */
export async function allResults(api: ApiClient, id: string): Promise<CommandTargetResult[]> {
  const items: CommandTargetResult[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api.call<CommandResults>('GET', `/api/v1/commands/${id}/results?limit=1000&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length < 1000 || items.length >= page.total) return items;
  }
}
