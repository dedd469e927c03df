import { describe, expect, it } from 'vitest';
import { needsAuditDeclaration, targetFromAnswer } from './audit-hook.js';

describe('audit hook', () => {
  it('asks every method but GET, HEAD and OPTIONS to declare an audit action', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => needsAuditDeclaration(m))).toEqual([true, true, true, true]);
    expect(needsAuditDeclaration(['GET', 'HEAD'])).toBe(false);
    expect(needsAuditDeclaration(['GET', 'POST'])).toBe(true);
  });

  it('names the object a JSON answer describes', () => {
    expect(targetFromAnswer('{"id":"d1","title":"Firefox","entityId":"acme","other":1}')).toEqual({
      objectId: 'd1',
      objectName: 'Firefox',
      entityId: 'acme',
    });
    expect(targetFromAnswer('{"ok":true}')).toEqual({});
    expect(targetFromAnswer('not json')).toEqual({});
    expect(targetFromAnswer('{"id":')).toEqual({});
  });
});
