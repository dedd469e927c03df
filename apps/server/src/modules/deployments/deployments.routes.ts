import { Type } from '@sinclair/typebox';
import {
  AuditLine,
  AuditQuery,
  CreateDeploymentRequest,
  DeploymentDetail,
  DeploymentList,
  DeploymentSummary,
  DeploymentTarget,
  TargetSelection,
  type DeploymentLiveEvent,
} from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { eventStreams } from '../../platform/http/event-stream.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import { sendFile } from '../../platform/http/send-file.js';
import type { DeploymentsService } from './deployments.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Page = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export function deploymentsRoutes(app: App, deployments: DeploymentsService, bus: Bus, streams: ReturnType<typeof eventStreams>): void {
  const tags = ['deployments'];
  app.post(
    '/api/v1/deployments',
    {
      config: { access: access.feature('deployment', 'rw'), audit: { action: 'deployment.create', objectType: 'deployment' } },
      schema: {
        tags,
        summary: 'Deploy a submitted package version to machines',
        body: CreateDeploymentRequest,
        response: responses(DeploymentSummary, 201),
      },
    },
    async (request, reply) => reply.status(201).send(await deployments.create(requirePrincipal(request), request.body)),
  );

  app.get(
    '/api/v1/deployments',
    {
      config: { access: access.feature('deployment', 'ro') },
      schema: { tags, summary: 'Deployments, newest first, with counts per state', querystring: Page, response: responses(DeploymentList) },
    },
    async (request) => deployments.list(requirePrincipal(request), request.query.limit ?? 200, request.query.offset ?? 0),
  );

  app.get(
    '/api/v1/deployments/:id',
    {
      config: { access: access.feature('deployment', 'ro') },
      schema: { tags, summary: 'A deployment and its targets (the first 1,000)', params: IdParams, response: responses(DeploymentDetail) },
    },
    async (request) => deployments.detail(requirePrincipal(request), request.params.id),
  );

  app.get(
    '/api/v1/deployments/:id/targets',
    {
      config: { access: access.feature('deployment', 'ro') },
      schema: {
        tags,
        summary: "A deployment's targets, by hostname",
        params: IdParams,
        querystring: Page,
        response: responses(Type.Array(DeploymentTarget)),
      },
    },
    async (request) =>
      deployments.targets(requirePrincipal(request), request.params.id, request.query.limit ?? 200, request.query.offset ?? 0),
  );

  app.get(
    '/api/v1/deployments/:id/audit',
    {
      config: { access: access.feature('deployment', 'ro') },
      schema: {
        tags,
        summary: 'Every state change and output line, in order',
        params: IdParams,
        querystring: AuditQuery,
        response: responses(Type.Array(AuditLine)),
      },
    },
    async (request) => deployments.audit(requirePrincipal(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/deployments/:id/stop',
    {
      config: { access: access.feature('deployment', 'rw'), audit: { action: 'deployment.stop', objectType: 'deployment' } },
      schema: {
        tags,
        summary: 'Stop the deployment, or some of its machines',
        params: IdParams,
        body: TargetSelection,
        response: responses(DeploymentSummary),
      },
    },
    async (request) => deployments.stop(requirePrincipal(request), request.params.id, request.body.machines),
  );

  app.post(
    '/api/v1/deployments/:id/restart',
    {
      config: { access: access.feature('deployment', 'rw'), audit: { action: 'deployment.restart', objectType: 'deployment' } },
      schema: {
        tags,
        summary: 'A new attempt on the machines that did not succeed (or those given)',
        params: IdParams,
        body: TargetSelection,
        response: responses(DeploymentSummary),
      },
    },
    async (request) => deployments.restart(requirePrincipal(request), request.params.id, request.body.machines),
  );

  app.get(
    '/api/v1/deployments/:id/events',
    {
      config: { access: access.feature('deployment', 'ro') },
      schema: { tags, summary: 'Live target changes and audit lines of one deployment (text/event-stream)', params: IdParams },
    },
    async (request, reply) => {
      const id = request.params.id;
      await deployments.summary(requirePrincipal(request), id);
      await streams(request, reply, (write) => {
        const send = (event: DeploymentLiveEvent) => write(event.type, event);
        return [
          bus.subscribe('deployment.changed', ({ deploymentId, targets, lines }) => {
            if (deploymentId !== id) return;
            for (const target of targets) send({ type: 'deployment.target', target });
            if (lines.length > 0) send({ type: 'deployment.audit', lines });
          }),
        ];
      });
    },
  );
}

/** Agents download package files here, with the token their deploy.start carried (gateway role). */
export function agentFilesRoute(app: App, deployments: DeploymentsService): void {
  app.get(
    '/agent/v1/files/:sha256',
    {
      config: { access: access.public() },
      schema: {
        tags: ['agent'],
        summary: 'A package file for an agent (bearer download token; range requests)',
        params: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      },
    },
    async (request, reply) => sendFile(request, reply, await deployments.agentFile(request.headers.authorization, request.params.sha256)),
  );
}
