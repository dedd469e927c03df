import { describe, expect, it } from 'vitest';
import type { AuditLogEntry } from '@pons/protocol';
import { auditQuery } from '../commands/audit.js';
import { narrowingText } from './api-tokens-view.js';
import { auditTable } from './audit-view.js';

const entry = (fields: Partial<AuditLogEntry>): AuditLogEntry => ({
  id: 'a1',
  at: Date.parse('2026-01-31T14:05:09Z'),
  actor: 'admin',
  actorId: 'u1',
  address: '10.0.0.7',
  action: 'user.create',
  objectType: 'user',
  objectId: 'u2',
  objectName: 'alice',
  entityId: null,
  outcome: 'success',
  errorCode: null,
  details: null,
  ...fields,
});

describe('narrowingText', () => {
  it('says what an API token keeps of its owner rights', () => {
    expect(narrowingText(null)).toBe('all of your rights');
    expect(narrowingText({ permissions: { inventory: 'ro', groups: 'rw' } })).toBe('inventory=ro, groups=rw');
    expect(narrowingText({ permissions: { inventory: 'ro' }, entities: ['e1', 'e2'] }, new Map([['e1', 'Paris']]))).toBe(
      'inventory=ro; in Paris, e2',
    );
  });
});

describe('auditTable', () => {
  it('prints time, actor, address, action, object and outcome, failures with their code', () => {
    const text = auditTable([
      entry({}),
      entry({
        actor: null,
        address: null,
        action: 'auth.login',
        objectType: null,
        objectName: null,
        objectId: null,
        outcome: 'failure',
        errorCode: 'PONS_E_INVALID_CREDENTIALS',
      }),
    ]);
    const [header, first, second] = text.split('\n');
    expect(header).toMatch(/^TIME\s+ACTOR\s+ADDRESS\s+ACTION\s+OBJECT\s+OUTCOME$/);
    expect(first).toMatch(/^2026-01-31 14:05:09 UTC\s+admin\s+10\.0\.0\.7\s+user\.create\s+user alice\s+success$/);
    expect(second).toMatch(/^2026-01-31 14:05:09 UTC\s+-\s+-\s+auth\.login\s+-\s+failure \(PONS_E_INVALID_CREDENTIALS\)$/);
  });
});

describe('auditQuery', () => {
  it('passes the filters and counts --since back from now', () => {
    const query = auditQuery({ action: 'user.', actor: 'admin', outcome: 'failure', since: 3_600_000, search: 'x y' }, 10_000_000);
    expect(query.toString()).toBe('q=x+y&action=user.&actor=admin&outcome=failure&from=6400000');
    expect(auditQuery({}, 0).toString()).toBe('');
  });
});
