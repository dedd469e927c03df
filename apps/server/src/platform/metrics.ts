import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The server's Prometheus metrics, one registry per server instance (tests run several). */
export class Metrics {
  readonly registry = new Registry();
  readonly agentsConnected = new Gauge({
    name: 'pons_agents_connected',
    help: 'Agents with an authenticated connection to this node',
    registers: [this.registry],
  });
  readonly framesIn = new Counter({
    name: 'pons_agent_frames_in_total',
    help: 'Frames received from agents, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly framesOut = new Counter({
    name: 'pons_agent_frames_out_total',
    help: 'Frames sent to agents, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly agentRejections = new Counter({
    name: 'pons_agent_rejections_total',
    help: 'Agent connections refused or closed for an error, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'pons_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly presenceFlushes = new Histogram({
    name: 'pons_presence_flush_seconds',
    help: 'Time to write one batch of presence changes',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly commandsSent = new Counter({
    name: 'pons_commands_sent_total',
    help: 'Command deliveries put on the wire to agents',
    registers: [this.registry],
  });
  readonly bans = new Counter({
    name: 'pons_address_bans_total',
    help: 'Addresses banned after repeated failures',
    registers: [this.registry],
  });

  readonly tunnelsOpen = new Gauge({
    name: 'pons_tunnels_open',
    help: 'Remote sessions (desktop, terminal, files, port forwards) open on this node',
    registers: [this.registry],
  });
  readonly tunnelsEnded = new Counter({
    name: 'pons_tunnels_ended_total',
    help: 'Remote sessions ended, by kind and by whether the link broke',
    labelNames: ['kind', 'broken'] as const,
    registers: [this.registry],
  });
  readonly tunnelBytes = new Counter({
    name: 'pons_tunnel_bytes_total',
    help: 'Bytes carried by remote sessions, by direction',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics: boolean }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'pons_' });
  }
}
