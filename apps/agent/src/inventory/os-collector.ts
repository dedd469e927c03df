import type { InventoryCollector } from './collector.js';
import { LinuxCollector } from './linux-collector.js';
import { UnsupportedOsCollector } from './unsupported-collector.js';

/** The collector for this OS, run in the calling thread. */
export function osCollector(platform: NodeJS.Platform, hostnameOverride: string | null): InventoryCollector {
  return platform === 'linux' ? new LinuxCollector(hostnameOverride) : new UnsupportedOsCollector(hostnameOverride);
}
