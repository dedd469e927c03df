import type { AuditSink } from '../../platform/http/audit-hook.js';
import type { Logger } from '../../platform/logger.js';
import type { Metrics } from '../../platform/metrics.js';
import type { Tunnel, TunnelEnds } from './tunnel.js';

/**
 * The end of every remote session in the audit log: who, which machine, what kind, what it
 * reached, when it started and ended, the bytes each way, and why it ended. The opening is the
 * line of the route that asked for it.
 */
export class TunnelRecorder implements TunnelEnds {
  constructor(
    private readonly audit: AuditSink,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  opened(): void {
    this.metrics.tunnelsOpen.inc();
  }

  ended(tunnel: Tunnel, endedBy: string, reason: string, broken: boolean): void {
    const { spec, bytes } = tunnel;
    const details = {
      tunnelId: spec.id,
      kind: spec.kind,
      target: spec.target,
      startedAt: tunnel.openedAt,
      endedAt: Date.now(),
      durationMs: Date.now() - (tunnel.openedAt ?? tunnel.createdAt),
      bytesToMachine: bytes.toMachine,
      bytesFromMachine: bytes.fromMachine,
      endedBy,
      reason,
    };
    this.log.info({ machineId: spec.machineId, ...details }, 'remote session ended');
    this.metrics.tunnelsOpen.dec();
    this.metrics.tunnelsEnded.inc({ kind: spec.kind, broken: String(broken) });
    this.metrics.tunnelBytes.inc({ direction: 'to-machine' }, bytes.toMachine);
    this.metrics.tunnelBytes.inc({ direction: 'from-machine' }, bytes.fromMachine);
    if (!spec.audited) return;
    this.audit
      .record({
        actor: spec.actor.username,
        actorId: spec.actor.userId,
        address: spec.address,
        action: `remote.${spec.kind}.end`,
        objectType: 'machine',
        objectId: spec.machineId,
        objectName: spec.hostname,
        entityId: spec.entityId,
        outcome: broken ? 'failure' : 'success',
        errorCode: broken ? 'PONS_E_TUNNEL_BROKEN' : null,
        details,
      })
      .catch((error: unknown) => this.log.error({ err: error }, 'audit line of a remote session not written'));
  }
}
