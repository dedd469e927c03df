import type { MachineStatus } from '@pons/protocol';

export interface ExportFilter {
  status: MachineStatus | null;
  q: string;
  entity?: string | null;
}

/** The download of every machine the list's filters match (all pages). Pure, tested. */
export function machinesExportUrl(filter: ExportFilter, format: 'csv' | 'json'): string {
  const params = new URLSearchParams({ format });
  if (filter.status) params.set('status', filter.status);
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.entity) params.set('entity', filter.entity);
  return `/api/v1/machines/export?${params.toString()}`;
}
