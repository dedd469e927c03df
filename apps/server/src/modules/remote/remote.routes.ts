import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import {
  FileListResponse,
  FilePathQuery,
  FileUploadQuery,
  FileUploadResponse,
  MachineRef,
  OpenTunnelRequest,
  OpenTunnelResponse,
  RemoteSettings,
  WakeRequest,
  WakeResponse,
} from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import { PonsError } from '../../platform/errors.js';
import type { FileTransfers } from './file-transfer.js';
import type { RemoteSettingsService } from './remote-settings.js';
import type { RemoteService } from './remote.service.js';
import type { WakeService } from './wake.service.js';

export interface RemoteRouteDeps {
  remote: RemoteService;
  files: FileTransfers;
  wake: WakeService;
  settings: RemoteSettingsService;
}

const remoteRw = { access: access.feature('remote', 'rw') };
const EntityParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** A file name safe inside a Content-Disposition header, with the UTF-8 form beside it. */
function disposition(name: string): string {
  const plain = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function remoteRoutes(app: App, deps: RemoteRouteDeps): void {
  const tags = ['remote'];

  app.post(
    '/api/v1/machines/:machine/tunnels',
    {
      config: { ...remoteRw, audit: { action: 'remote.session.open', objectType: 'machine' } },
      schema: {
        tags,
        summary: 'Open a remote desktop, a terminal or a port forward; connect a WebSocket to socketPath within 30 s',
        params: MachineRef,
        body: OpenTunnelRequest,
        response: responses(OpenTunnelResponse, 201),
      },
    },
    async (request, reply) => {
      const opened = await deps.remote.openSession(requirePrincipal(request), request.params.machine, request.body, request.ip);
      auditTarget(request, {
        objectId: opened.machineId,
        objectName: opened.hostname,
        entityId: opened.entityId,
        details: { tunnelId: opened.id, kind: opened.kind, port: request.body.port ?? null, openedInMs: opened.openedInMs },
      });
      return reply.code(201).send(opened);
    },
  );

  app.get(
    '/api/v1/machines/:machine/files',
    {
      config: remoteRw,
      schema: {
        tags,
        summary: 'List a directory on the machine',
        params: MachineRef,
        querystring: FilePathQuery,
        response: responses(FileListResponse),
      },
    },
    async (request) => deps.files.list(requirePrincipal(request), request.params.machine, request.query.path, request.ip),
  );

  app.get(
    '/api/v1/machines/:machine/files/content',
    {
      config: remoteRw,
      schema: {
        tags,
        summary: 'Download a file from the machine (streamed; the audit log records it)',
        params: MachineRef,
        querystring: FilePathQuery,
      },
    },
    async (request, reply) => {
      const file = await deps.files.download(requirePrincipal(request), request.params.machine, request.query.path, request.ip);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', String(file.size))
        .header('content-disposition', disposition(file.name))
        .send(file.stream);
    },
  );

  app.put(
    '/api/v1/machines/:machine/files/content',
    {
      config: { ...remoteRw, audit: { action: 'remote.file.upload', objectType: 'machine' } },
      schema: {
        tags,
        summary: 'Upload a file to the machine (raw bytes, application/octet-stream, Content-Length required)',
        params: MachineRef,
        querystring: FileUploadQuery,
        response: responses(FileUploadResponse),
      },
    },
    async (request) => {
      const size = Number(request.headers['content-length']);
      if (!Number.isSafeInteger(size) || size < 0)
        throw new PonsError('PONS_E_VALIDATION', 'An upload needs its Content-Length: the agent checks it received every byte.');
      auditTarget(request, { details: { path: request.query.path, bytes: size } });
      return deps.files.upload(
        requirePrincipal(request),
        request.params.machine,
        request.query,
        size,
        request.body as Readable,
        request.ip,
      );
    },
  );

  app.post(
    '/api/v1/machines/:machine/wake',
    {
      config: { ...remoteRw, audit: { action: 'machine.wake', objectType: 'machine' } },
      schema: {
        tags,
        summary: 'Wake the machine: magic packets from an online neighbour on its subnet, else from the server',
        params: MachineRef,
        body: WakeRequest,
        response: responses(WakeResponse),
      },
    },
    async (request) => {
      const woken = await deps.wake.wake(requirePrincipal(request), request.params.machine, request.body ?? {});
      auditTarget(request, {
        objectId: woken.machineId,
        objectName: woken.hostname,
        entityId: woken.entityId,
        details: { sentBy: woken.sentBy.hostname, kind: woken.sentBy.kind, addresses: woken.addresses, port: woken.port },
      });
      return woken;
    },
  );

  app.get(
    '/api/v1/entities/:id/remote-settings',
    {
      config: { access: access.feature('admin', 'ro') },
      schema: {
        tags,
        summary: "Whether remote sessions ask the machine's user first",
        params: EntityParams,
        response: responses(RemoteSettings),
      },
    },
    async (request) => deps.settings.get(requirePrincipal(request), request.params.id),
  );

  app.put(
    '/api/v1/entities/:id/remote-settings',
    {
      config: { access: access.feature('admin', 'rw'), audit: { action: 'entity.remote-settings', objectType: 'entity' } },
      schema: {
        tags,
        summary: "Set whether remote sessions ask the machine's user first",
        params: EntityParams,
        body: RemoteSettings,
        response: responses(RemoteSettings),
      },
    },
    async (request) => {
      const saved = await deps.settings.put(requirePrincipal(request), request.params.id, request.body);
      auditTarget(request, {
        objectId: saved.id,
        objectName: saved.name,
        entityId: saved.id,
        details: { consentRequired: saved.consentRequired },
      });
      return { consentRequired: saved.consentRequired };
    },
  );
}
