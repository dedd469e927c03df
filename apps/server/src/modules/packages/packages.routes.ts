import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import {
  CreatePackageRequest,
  PackageDetail,
  PackageFile,
  PackageFileName,
  PackageList,
  PackageListQuery,
  PackageVersion,
  UpdatePackageRequest,
} from '@pons/protocol';
import { sendAttachment } from '../../platform/csv.js';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import { sendFile } from '../../platform/http/send-file.js';
import type { PackagesService } from './packages.service.js';

const Ref = Type.String({ minLength: 1, maxLength: 128, description: 'Package id or name' });
const RefParams = Type.Object({ ref: Ref });
const FileParams = Type.Object({ ref: Ref, '*': PackageFileName });
const RevisionParams = Type.Object({ ref: Ref, revision: Type.Integer({ minimum: 1 }) });

export function packagesRoutes(app: App, packages: PackagesService): void {
  const tags = ['packages'];

  app.post(
    '/api/v1/packages',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.create', objectType: 'package' } },
      schema: {
        tags,
        summary: 'Create a package with a pending first version',
        body: CreatePackageRequest,
        response: responses(PackageDetail, 201),
      },
    },
    async (request, reply) => reply.status(201).send(await packages.create(requirePrincipal(request), request.body)),
  );

  app.get(
    '/api/v1/packages',
    {
      config: { access: access.feature('packaging', 'ro') },
      schema: { tags, summary: 'List packages', querystring: PackageListQuery, response: responses(PackageList) },
    },
    async (request) => packages.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/packages/:ref',
    {
      config: { access: access.feature('packaging', 'ro') },
      schema: {
        tags,
        summary: 'A package, its versions and the current one in full',
        params: RefParams,
        response: responses(PackageDetail),
      },
    },
    async (request) => packages.detail(requirePrincipal(request), request.params.ref),
  );

  app.patch(
    '/api/v1/packages/:ref',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.update', objectType: 'package' } },
      schema: {
        tags,
        summary: 'Change the pending version (made from the latest submitted one if there is none)',
        params: RefParams,
        body: UpdatePackageRequest,
        response: responses(PackageDetail),
      },
    },
    async (request) => packages.update(requirePrincipal(request), request.params.ref, request.body),
  );

  app.put(
    '/api/v1/packages/:ref/files/*',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.file.put', objectType: 'package' } },
      schema: {
        tags,
        summary: 'Upload a file into the pending version (raw bytes, application/octet-stream)',
        description: 'Send `X-Content-SHA256` to have the server refuse a file that changed in transit.',
        params: FileParams,
        headers: Type.Object({ 'x-content-sha256': Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })) }),
        response: responses(PackageFile),
      },
    },
    async (request) =>
      packages.putFile(
        requirePrincipal(request),
        request.params.ref,
        request.params['*'],
        request.body as Readable,
        request.headers['x-content-sha256'],
      ),
  );

  app.delete(
    '/api/v1/packages/:ref/files/*',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.file.delete', objectType: 'package' } },
      schema: { tags, summary: 'Remove a file from the pending version', params: FileParams, response: responses(PackageDetail) },
    },
    async (request) => packages.removeFile(requirePrincipal(request), request.params.ref, request.params['*']),
  );

  app.post(
    '/api/v1/packages/:ref/submit',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.submit', objectType: 'package' } },
      schema: { tags, summary: 'Check and freeze the pending version', params: RefParams, response: responses(PackageVersion) },
    },
    async (request) => packages.submit(requirePrincipal(request), request.params.ref),
  );

  app.delete(
    '/api/v1/packages/:ref/pending',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.discard-pending', objectType: 'package' } },
      schema: { tags, summary: 'Discard the pending version', params: RefParams, response: responses(PackageDetail) },
    },
    async (request) => packages.discard(requirePrincipal(request), request.params.ref),
  );

  app.get(
    '/api/v1/packages/:ref/versions/:revision',
    {
      config: { access: access.feature('packaging', 'ro') },
      schema: { tags, summary: 'One version of a package', params: RevisionParams, response: responses(PackageVersion) },
    },
    async (request) => packages.version(requirePrincipal(request), request.params.ref, request.params.revision),
  );

  app.get(
    '/api/v1/packages/:ref/versions/:revision/export',
    {
      config: { access: access.feature('packaging', 'ro') },
      schema: { tags, summary: 'A submitted version as one archive (tar: manifest.json, then files/)', params: RevisionParams },
    },
    async (request, reply) => {
      const { archive, fileName } = await packages.exportArchive(requirePrincipal(request), request.params.ref, request.params.revision);
      return sendAttachment(reply, fileName, 'application/x-tar', archive);
    },
  );

  app.post(
    '/api/v1/packages/import',
    {
      config: { access: access.feature('packaging', 'rw'), audit: { action: 'package.import', objectType: 'package' } },
      schema: {
        tags,
        summary: 'Import an archive made by export, as a submitted version (application/octet-stream)',
        querystring: Type.Object({ entity: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) }, { additionalProperties: false }),
        response: responses(PackageVersion, 201),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await packages.importArchive(requirePrincipal(request), request.body as Readable, request.query.entity)),
  );

  app.get(
    '/api/v1/packages/:ref/versions/:revision/files/*',
    {
      config: { access: access.feature('packaging', 'ro') },
      schema: {
        tags,
        summary: 'Download a file of a version (range requests resume)',
        params: Type.Object({ ref: Ref, revision: Type.Integer({ minimum: 1 }), '*': PackageFileName }),
      },
    },
    async (request, reply) => {
      const file = await packages.file(requirePrincipal(request), request.params.ref, request.params.revision, request.params['*']);
      return sendFile(request, reply, { ...file, downloadName: file.name.split('/').pop() ?? file.name });
    },
  );
}
