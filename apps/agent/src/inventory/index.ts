import os from 'node:os';
import type { InventoryCollector } from './collector.js';
import { LinuxCollector } from './linux-collector.js';
import { UnsupportedOsCollector } from './unsupported-collector.js';

export type { InventoryCollector } from './collector.js';

export function collectorFor(platform: NodeJS.Platform = os.platform(), hostnameOverride: string | null = null): InventoryCollector {
  return platform === 'linux' ? new LinuxCollector(hostnameOverride) : new UnsupportedOsCollector(hostnameOverride);
}
