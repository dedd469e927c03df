import type { AuditLogExportQuery, AuditLogOutcome, AuditLogQuery } from '@pons/protocol';

/** The audit log's filter bar as typed (days as `date` input values), and the queries and links it makes. Pure, tested. */
export interface AuditFilters {
  q: string;
  /** An action (`auth.login`) or a prefix ending with a dot (`auth.`). */
  action: string;
  actor: string;
  outcome: AuditLogOutcome | '';
  /** An entity id; empty for every entity. */
  entity: string;
  /** `2026-11-23`, local days, both included. */
  from: string;
  to: string;
}

export const emptyAuditFilters: AuditFilters = { q: '', action: '', actor: '', outcome: '', entity: '', from: '', to: '' };

/** Local midnight starting the day `days` after the one given; undefined when it is not a date. */
function dayStart(value: string, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
}

export function auditQuery(filters: AuditFilters): AuditLogQuery {
  const query: AuditLogQuery = {};
  const text = (value: string) => value.trim() || undefined;
  const q = text(filters.q);
  const action = text(filters.action);
  const actor = text(filters.actor);
  if (q) query.q = q;
  if (action) query.action = action;
  if (actor) query.actor = actor;
  if (filters.outcome) query.outcome = filters.outcome;
  if (filters.entity) query.entity = filters.entity;
  const from = dayStart(filters.from);
  const next = dayStart(filters.to, 1);
  if (from !== undefined) query.from = from;
  // The whole last day: up to the millisecond before the next one starts.
  if (next !== undefined) query.to = next - 1;
  return query;
}

/** `?q=…&from=…`, in a fixed order, or '' for no filter. */
export function auditSearch(query: AuditLogQuery | AuditLogExportQuery): string {
  const params = new URLSearchParams();
  for (const key of ['format', 'q', 'action', 'actor', 'outcome', 'entity', 'objectId', 'from', 'to', 'before', 'limit'] as const) {
    const value = (query as Record<string, string | number | undefined>)[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The download of every entry the filters match (not only the loaded pages). */
export function auditExportUrl(filters: AuditFilters, format: 'csv' | 'json'): string {
  return `/api/v1/audit/export${auditSearch({ format, ...auditQuery(filters) })}`;
}

/** Whether the days are in order (an empty one always is). */
export function daysInOrder(filters: Pick<AuditFilters, 'from' | 'to'>): boolean {
  const from = dayStart(filters.from);
  const to = dayStart(filters.to);
  return from === undefined || to === undefined || from <= to;
}
