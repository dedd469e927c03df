import type { HardwareIdentity } from '@pons/protocol';

/** SMBIOS values that firmware vendors ship unfilled; they identify nothing. */
const BOGUS_UUIDS = new Set([
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '03000200-0400-0500-0006-000700080009',
]);
const BOGUS_SERIALS =
  /^(|-+|0+|none|n\/a|na|not specified|not applicable|default string|to be filled by o\.e\.m\.|system serial number|chassis serial number|123456789|0123456789)$/i;

export interface ResolvedIdentity {
  key: string;
  source: 'smbios' | 'generated';
  smbiosUuid: string | null;
  serial: string | null;
}

/**
 * The key that decides whether an enrollment is a machine we already know. SMBIOS UUID and serial
 * when the firmware filled them in; otherwise the id the agent generated and keeps. MAC addresses
 * are deliberately not part of it: many machines share one (VPN adapters, the FAQ's Fortinet case).
 */
export function resolveIdentity(identity: HardwareIdentity): ResolvedIdentity {
  const uuid = identity.smbiosUuid?.trim().toLowerCase();
  const serial = identity.serial?.trim();
  const goodUuid = uuid && /^[0-9a-f-]{32,36}$/.test(uuid) && !BOGUS_UUIDS.has(uuid) ? uuid : null;
  const goodSerial = serial && !BOGUS_SERIALS.test(serial) ? serial : null;
  if (goodUuid) {
    return {
      key: goodSerial ? `smbios:${goodUuid}:${goodSerial}` : `smbios:${goodUuid}`,
      source: 'smbios',
      smbiosUuid: goodUuid,
      serial: goodSerial,
    };
  }
  return { key: `generated:${identity.generatedId}`, source: 'generated', smbiosUuid: uuid ?? null, serial: serial ?? null };
}
