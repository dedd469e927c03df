import type { MachineDetail, MachineSummary, OfflineReason } from '@pons/protocol';
import type { MachineRow } from './machines.repository.js';

const parseList = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

export function toSummary(row: MachineRow): MachineSummary {
  return {
    id: row.id,
    hostname: row.hostname,
    status: row.status === 'online' ? 'online' : 'offline',
    statusSince: row.status_since,
    offlineReason: row.status === 'online' ? null : ((row.offline_reason as OfflineReason | null) ?? 'never-connected'),
    lastSeenAt: row.last_seen_at,
    platform: row.platform,
    osName: row.os_name,
    osVersion: row.os_version,
    arch: row.arch,
    ipAddresses: parseList(row.ip_addresses),
    macAddresses: parseList(row.mac_addresses),
    entityId: row.entity_id,
    entityName: row.entity_name,
    agentVersion: row.agent_version,
    enrolledAt: row.enrolled_at,
    inventoryAt: row.inventory_at,
  };
}

export function toDetail(row: MachineRow, nodeName: string | null): MachineDetail {
  return {
    ...toSummary(row),
    smbiosUuid: row.smbios_uuid,
    serial: row.serial,
    identitySource: row.identity_source === 'smbios' ? 'smbios' : 'generated',
    vendor: row.vendor,
    model: row.model,
    cpuModel: row.cpu_model,
    memoryBytes: row.memory_bytes,
    softwareCount: row.software_count,
    connectedTo: row.status === 'online' ? nodeName : null,
  };
}
