import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';

/**
 * What a state-changing route records in the audit log. Every route that is not GET or HEAD must
 * declare one, like its access rule: an action code, or `'self'` when its handler records its own
 * lines (login, where the actor is not yet known).
 */
export type AuditDeclaration = { action: string; objectType?: string } | 'self';

/** The object a handler acted on, for its audit line; routes without it record their `:id` parameter. */
export interface AuditTarget {
  objectId?: string | null;
  objectName?: string | null;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  actor: string | null;
  actorId: string | null;
  address: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  objectName: string | null;
  entityId: string | null;
  outcome: 'success' | 'failure';
  errorCode: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditSink {
  record(entry: AuditRecord): Promise<void>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: AuditDeclaration;
  }
  interface FastifyRequest {
    auditTarget: AuditTarget | null;
    auditError: string | null;
  }
}

/** Names the object of this request's audit line (call from a handler, once the object is known). */
export function auditTarget(request: FastifyRequest, target: AuditTarget): void {
  request.auditTarget = { ...request.auditTarget, ...target };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsAuditDeclaration(method: string | string[]): boolean {
  return (Array.isArray(method) ? method : [method]).some((m) => !READ_METHODS.has(m.toUpperCase()));
}

function paramId(params: unknown): string | null {
  if (!params || typeof params !== 'object') return null;
  const p = params as Record<string, unknown>;
  const value = p.id ?? p.ref ?? p.machine;
  return typeof value === 'string' ? value : null;
}

const NAME_FIELDS = ['name', 'title', 'hostname', 'username', 'label'] as const;

/** What a JSON answer says about the object it describes (`id`, a name, `entityId`), for routes that name nothing. */
export function targetFromAnswer(payload: unknown): AuditTarget {
  if (typeof payload !== 'string' || payload.length > 65_536 || !payload.startsWith('{')) return {};
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return {};
  }
  const name = NAME_FIELDS.map((f) => body[f]).find((v) => typeof v === 'string');
  return {
    ...(typeof body.id === 'string' ? { objectId: body.id } : {}),
    ...(typeof name === 'string' ? { objectName: name } : {}),
    ...(typeof body.entityId === 'string' ? { entityId: body.entityId } : {}),
  };
}

/**
 * The onSend hook: writes the line before the response leaves, so that a client that saw the
 * answer finds the line. A failed write is logged and does not fail the request.
 */
export function auditHook(sink: AuditSink, log: Logger) {
  return async function recordAudit(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const declared = request.routeOptions.config?.audit;
    if (!declared || declared === 'self' || READ_METHODS.has(request.method)) return payload;
    // A request with no valid session acted on nothing; recording it would let anyone fill the log.
    if (!request.principal && reply.statusCode === 401) return payload;
    const failed = reply.statusCode >= 400;
    const target = { ...(failed ? {} : targetFromAnswer(payload)), ...request.auditTarget };
    try {
      await sink.record({
        actor: request.principal?.username ?? null,
        actorId: request.principal?.userId ?? null,
        address: request.ip,
        action: declared.action,
        objectType: declared.objectType ?? null,
        objectId: target.objectId ?? paramId(request.params),
        objectName: target.objectName ?? null,
        entityId: target.entityId ?? null,
        outcome: failed ? 'failure' : 'success',
        errorCode: failed ? (request.auditError ?? `HTTP_${reply.statusCode}`) : null,
        details: target.details ?? null,
      });
    } catch (error) {
      log.error({ err: error, action: declared.action }, 'audit line not written');
    }
    return payload;
  };
}
