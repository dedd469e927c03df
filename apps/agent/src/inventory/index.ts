import os from 'node:os';
import type { InventoryCollector } from './collector.js';
import { ThreadedCollector } from './threaded-collector.js';

export type { InventoryCollector } from './collector.js';

/** The agent's collector: this OS's, with the full collection in a worker thread. */
export function collectorFor(platform: NodeJS.Platform = os.platform(), hostnameOverride: string | null = null): InventoryCollector {
  return new ThreadedCollector(platform, hostnameOverride);
}
