import { AgentFacts, HardwareIdentity, InventoryDocument, Validator } from '@pons/protocol';
import { describe, expect, it } from 'vitest';
import { simFacts, simHostname, simIdentity, simMac } from './sim-identity.js';
import { simInventory } from './sim-inventory.js';

describe('simulated identities', () => {
  it('are valid protocol values', () => {
    for (const index of [0, 1, 255, 256, 65_535, 1_000_000]) {
      expect(new Validator(AgentFacts).validate(simFacts('abc123', index)).ok).toBe(true);
      expect(new Validator(HardwareIdentity).validate(simIdentity('a', index)).ok).toBe(true);
    }
  });

  it('differ for every agent of a run and between runs', () => {
    const macs = new Set<string>();
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      macs.add(simMac('run1', i));
      ids.add(simIdentity('run1', i).generatedId);
    }
    expect(macs.size).toBe(20_000);
    expect(ids.size).toBe(20_000);
    expect(simIdentity('run1', 7)).not.toEqual(simIdentity('run2', 7));
    expect(simHostname('run1', 7)).toBe('sim-run1-7');
  });

  it('send a small inventory document the server accepts', () => {
    const document = simInventory(simFacts('run1', 42), 1_700_000_000_000);
    const check = new Validator(InventoryDocument).validate(document);
    expect(check).toEqual({ ok: true, value: document });
    expect(JSON.stringify(document).length).toBeLessThan(1024);
  });
});
