import type { AgentFacts, InventoryDocument } from '@pons/protocol';

/** Gathers what the agent reports. One implementation per OS, behind this interface. */
export interface InventoryCollector {
  /** Quick facts sent at every connect (no slow commands). */
  facts(): Promise<AgentFacts>;
  /** The full inventory document. Sections that cannot be read carry a note, never invented data. */
  collect(): Promise<InventoryDocument>;
  /** SMBIOS UUID and serial when readable, for the machine's identity. */
  hardwareIdentity(): Promise<{ smbiosUuid?: string; serial?: string }>;
}
