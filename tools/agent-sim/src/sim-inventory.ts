import type { AgentFacts, InventoryDocument } from '@pons/protocol';

export const SIM_AGENT_VERSION = '0.1.0-sim';

/**
 * A small but complete inventory document: enough for the server to store it and fill the
 * machine's columns, small enough that thousands of them cost the simulator nothing.
 */
export function simInventory(facts: AgentFacts, now: number): InventoryDocument {
  return {
    schema: 1,
    collectedAt: now,
    agentVersion: SIM_AGENT_VERSION,
    system: { hostname: facts.hostname, platform: facts.platform, osName: facts.osName, osVersion: facts.osVersion, arch: facts.arch },
    hardware: { vendor: 'Pons', model: 'Simulated Agent', virtual: true },
    cpu: { model: 'Simulated CPU', cores: 2 },
    memory: { totalBytes: 4 * 1024 ** 3 },
    network: [
      {
        name: 'eth0',
        ...(facts.macAddresses[0] ? { mac: facts.macAddresses[0] } : {}),
        ipv4: facts.ipAddresses.map((address) => ({ address, prefixLength: 8 })),
        ipv6: [],
        up: true,
      },
    ],
    software: [{ name: 'pons-agent-sim', version: SIM_AGENT_VERSION, source: 'sim' }],
    notes: [{ section: 'all', message: 'simulated agent: every value is made up' }],
  };
}
