import { PROTOCOL_VERSION, ServerInfo } from '@pons/protocol';
import { Type } from '@sinclair/typebox';
import { access } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import type { Metrics } from '../../platform/metrics.js';

export interface HealthProbe {
  database(): Promise<boolean>;
  agentsConnected(): number;
}

export function systemRoutes(
  app: App,
  deps: { metrics: Metrics; probe: HealthProbe; info: Omit<ServerInfo, 'product' | 'protocol'> },
): void {
  app.get(
    '/healthz',
    {
      config: { access: access.public() },
      schema: {
        tags: ['system'],
        summary: 'Liveness and readiness: 200 when the database answers',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Boolean(), agentsConnected: Type.Integer() }),
          503: Type.Object({ status: Type.Literal('degraded'), database: Type.Boolean(), agentsConnected: Type.Integer() }),
        },
      },
    },
    async (_request, reply) => {
      const database = await deps.probe.database().catch(() => false);
      const body = { database, agentsConnected: deps.probe.agentsConnected() };
      return database ? { status: 'ok' as const, ...body } : reply.status(503).send({ status: 'degraded' as const, ...body });
    },
  );

  app.get(
    '/metrics',
    { config: { access: access.public() }, schema: { tags: ['system'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      void reply.header('content-type', deps.metrics.registry.contentType);
      return await deps.metrics.registry.metrics();
    },
  );

  app.get(
    '/api/v1/server',
    {
      config: { access: access.public() },
      schema: { tags: ['system'], summary: 'Server version, protocol and CA fingerprint', response: { 200: ServerInfo } },
    },
    () => ({ product: 'pons' as const, protocol: PROTOCOL_VERSION, ...deps.info }),
  );
}
