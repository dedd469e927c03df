import { randomUUID } from 'node:crypto';
import {
  offlineReasonLabels,
  type OfflineReason,
  type OpenTunnelRequest,
  type OpenTunnelResponse,
  type TunnelOpenArgs,
  type TunnelReadyFrame,
} from '@pons/protocol';
import type { Clock } from '../../platform/clock.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { CommandsService } from '../commands/index.js';
import type { MachinesService } from '../machines/index.js';
import type { RemoteSettingsService } from './remote-settings.js';
import { CLIENT_TUNNEL_PATH, type TunnelBroker } from './tunnel-broker.js';
import type { Tunnel, TunnelSpec } from './tunnel.js';

export interface RemoteOptions {
  /** How long the agent has to connect its end (consent prompts aside). */
  openTimeoutMs: number;
  /** How long the logged-in user has to accept a session. */
  consentTimeoutMs: number;
  clientConnectMs: number;
}

export interface Opened {
  tunnel: Tunnel;
  ready: TunnelReadyFrame;
  ticket: string;
  startedAt: number;
}

type Extra = Omit<TunnelOpenArgs, 'tunnelId' | 'kind' | 'url' | 'consent'>;

/**
 * Opens tunnels to machines for people: checks the remote permission on the machine's entity and
 * that its agent is online, asks the agent with a signed `tunnel.open`, and waits until its end is
 * up or says why not (nothing listening, VNC disabled, the user refused, no file there).
 */
export class RemoteService {
  constructor(
    private readonly machines: MachinesService,
    private readonly commands: CommandsService,
    private readonly broker: TunnelBroker,
    private readonly settings: RemoteSettingsService,
    private readonly clock: Clock,
    private readonly options: RemoteOptions,
    /** Set when several nodes share the agents: the agent must reach this node for the tunnel. */
    private readonly nodeUrl: () => string | null,
  ) {}

  async openSession(principal: Principal, ref: string, request: OpenTunnelRequest, address: string | null): Promise<OpenTunnelResponse> {
    const extra: Extra =
      request.kind === 'tcp'
        ? { host: request.host ?? '127.0.0.1', port: request.port ?? 0 }
        : request.kind === 'terminal'
          ? { ...(request.cols ? { cols: request.cols } : {}), ...(request.rows ? { rows: request.rows } : {}) }
          : {};
    if (request.kind === 'tcp' && !request.port)
      throw new PonsError('PONS_E_VALIDATION', 'A port forward needs the port to reach on the machine.');
    const target = request.kind === 'tcp' ? `${extra.host}:${extra.port}` : request.kind === 'vnc' ? 'VNC server' : 'shell';
    const opened = await this.open(principal, ref, request.kind, extra, target, address);
    this.broker.awaitClient(opened.tunnel);
    const { spec } = opened.tunnel;
    return {
      id: spec.id,
      kind: spec.kind,
      machineId: spec.machineId,
      hostname: spec.hostname,
      entityId: spec.entityId,
      socketPath: `${CLIENT_TUNNEL_PATH}${spec.id}/socket?ticket=${opened.ticket}`,
      expiresAt: this.clock.now() + this.options.clientConnectMs,
      ...(opened.ready.vncPassword !== undefined ? { vncPassword: opened.ready.vncPassword } : {}),
      openedInMs: Date.now() - opened.startedAt,
    };
  }

  /** Opens one tunnel and waits for the agent's `ready`; the caller then uses or ends it. */
  async open(
    principal: Principal,
    ref: string,
    kind: TunnelSpec['kind'],
    extra: Extra,
    target: string,
    address: string | null,
    audited = true,
  ): Promise<Opened> {
    const startedAt = Date.now();
    const machine = await this.machines.find(principal.scope('remote', 'rw'), ref);
    if (machine.status !== 'online') {
      const why = machine.offline_reason
        ? ` (${offlineReasonLabels[machine.offline_reason as OfflineReason] ?? machine.offline_reason})`
        : '';
      throw new PonsError(
        'PONS_E_MACHINE_OFFLINE',
        `${machine.hostname} is offline${why} since ${new Date(machine.status_since).toISOString()}: its agent cannot open a session. Wake it up or wait until it reconnects.`,
      );
    }
    const consent = (kind === 'vnc' || kind === 'terminal') && (await this.settings.consentRequired(machine.entity_id));
    const spec: TunnelSpec = {
      id: randomUUID(),
      machineId: machine.id,
      hostname: machine.hostname,
      entityId: machine.entity_id,
      kind,
      target,
      actor: { username: principal.username, userId: principal.userId },
      address,
      audited,
    };
    const { tunnel, ticket } = this.broker.expect(spec);
    const waitMs = consent ? this.options.consentTimeoutMs : this.options.openTimeoutMs;
    const url = this.nodeUrl();
    try {
      const args: TunnelOpenArgs = {
        tunnelId: spec.id,
        kind,
        ...extra,
        ...(url ? { url } : {}),
        ...(consent ? { consent: { requester: principal.username } } : {}),
      };
      const commandId = await this.commands.issue(principal.username, 'tunnel.open', args, [machine.id], waitMs + 5_000);
      const refused = this.commands.outcomeWithin(commandId, machine.id, waitMs).then((outcome) => {
        if (outcome.status === 'succeeded') return tunnel.up;
        if (outcome.status === 'queued' || outcome.status === 'sent')
          throw new PonsError(
            'PONS_E_TUNNEL_TIMEOUT',
            `The agent of ${machine.hostname} did not open the tunnel within ${waitMs / 1000} s.`,
          );
        throw new PonsError(
          outcome.error?.code ?? 'PONS_E_TUNNEL_BROKEN',
          outcome.error?.message ?? `The agent could not open the tunnel (${outcome.status}).`,
        );
      });
      const ready = await Promise.race([tunnel.up, refused]);
      return { tunnel, ready, ticket, startedAt };
    } catch (error) {
      const failure = error instanceof PonsError ? error : new PonsError('PONS_E_INTERNAL', (error as Error).message);
      this.broker.abandon(tunnel, failure);
      throw failure;
    }
  }
}
