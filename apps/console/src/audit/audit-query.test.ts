import { describe, expect, it } from 'vitest';
import { auditExportUrl, auditQuery, auditSearch, daysInOrder, emptyAuditFilters } from './audit-query.js';

describe('auditQuery', () => {
  it('sends no filter for an empty bar', () => {
    expect(auditQuery(emptyAuditFilters)).toEqual({});
    expect(auditQuery({ ...emptyAuditFilters, q: '  ', from: 'soon' })).toEqual({});
  });

  it('trims the text and covers both days whole, in local time', () => {
    expect(
      auditQuery({
        q: ' firefox ',
        action: 'deployment.',
        actor: 'admin',
        outcome: 'failure',
        entity: 'lyon',
        from: '2026-11-23',
        to: '2026-11-24',
      }),
    ).toEqual({
      q: 'firefox',
      action: 'deployment.',
      actor: 'admin',
      outcome: 'failure',
      entity: 'lyon',
      from: new Date(2026, 10, 23).getTime(),
      to: new Date(2026, 10, 25).getTime() - 1,
    });
  });

  it('crosses the end of a month', () => {
    expect(auditQuery({ ...emptyAuditFilters, to: '2026-01-31' }).to).toBe(new Date(2026, 1, 1).getTime() - 1);
  });
});

describe('auditSearch', () => {
  it('writes the query in a fixed order, cursor and limit last', () => {
    expect(auditSearch({})).toBe('');
    expect(auditSearch({ limit: 100, before: 'a1', q: 'x y', outcome: 'success' })).toBe('?q=x+y&outcome=success&before=a1&limit=100');
  });
});

describe('auditExportUrl', () => {
  it('carries the format and the current filters', () => {
    expect(auditExportUrl(emptyAuditFilters, 'csv')).toBe('/api/v1/audit/export?format=csv');
    expect(auditExportUrl({ ...emptyAuditFilters, action: 'auth.', actor: 'jdoe', from: '2026-11-23' }, 'json')).toBe(
      `/api/v1/audit/export?format=json&action=auth.&actor=jdoe&from=${new Date(2026, 10, 23).getTime()}`,
    );
  });
});

describe('daysInOrder', () => {
  it('accepts an empty day and the same day', () => {
    expect(daysInOrder({ from: '', to: '2026-01-01' })).toBe(true);
    expect(daysInOrder({ from: '2026-01-01', to: '2026-01-01' })).toBe(true);
    expect(daysInOrder({ from: '2026-01-02', to: '2026-01-01' })).toBe(false);
  });
});
