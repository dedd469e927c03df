import os from 'node:os';
import type { InventoryDocument } from '@pons/protocol';
import { AGENT_VERSION } from '../version.js';
import type { InventoryCollector } from './collector.js';
import { quickFacts } from './facts.js';

const SECTIONS = ['hardware', 'cpu', 'memory', 'disks', 'filesystems', 'network', 'users', 'software'];

/**
 * Windows and macOS collectors are not written yet. Rather than guess, this reports what Node
 * itself knows (name, version, architecture, addresses) and says plainly which sections are
 * missing, so the console shows "not supported on this OS yet" instead of wrong data.
 */
export class UnsupportedOsCollector implements InventoryCollector {
  constructor(private readonly hostnameOverride: string | null) {}

  facts() {
    return Promise.resolve(quickFacts(this.hostnameOverride));
  }

  hardwareIdentity(): Promise<{ smbiosUuid?: string; serial?: string }> {
    return Promise.resolve({});
  }

  collect(): Promise<InventoryDocument> {
    const facts = quickFacts(this.hostnameOverride);
    return Promise.resolve({
      schema: 1,
      collectedAt: Date.now(),
      agentVersion: AGENT_VERSION,
      system: {
        hostname: facts.hostname,
        platform: facts.platform,
        osName: facts.osName,
        osVersion: facts.osVersion,
        kernel: os.release(),
        arch: facts.arch,
        uptimeSeconds: Math.round(os.uptime()),
      },
      notes: SECTIONS.map((section) => ({ section, message: `not supported on ${facts.platform} yet` })),
    });
  }
}
