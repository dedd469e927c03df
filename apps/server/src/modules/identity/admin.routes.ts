import { Type } from '@sinclair/typebox';
import { CreateEntityRequest, Entity, EntityDetail, Profile, SaveProfileRequest, UpdateEntityRequest } from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import type { EntitiesService } from './entities.service.js';
import type { IdentityService } from './identity.service.js';
import { inScope } from './principal.js';
import type { ProfilesService } from './profiles.service.js';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const ro = access.feature('admin', 'ro');
const rw = access.feature('admin', 'rw');

export interface AdminDeps {
  identity: IdentityService;
  entities: EntitiesService;
  profiles: ProfilesService;
}

/** The Admin view's API: entities, profiles and users. */
export function adminRoutes(app: App, d: AdminDeps): void {
  app.get(
    '/api/v1/entities',
    {
      config: { access: access.authenticated() },
      schema: { tags: ['entities'], summary: 'Entities you can see', response: responses(Type.Object({ items: Type.Array(Entity) })) },
    },
    async (request) => {
      const scope = requirePrincipal(request).scope('inventory', 'ro');
      return { items: (await d.identity.entityTree()).all().filter((entity) => inScope(scope, entity.id)) };
    },
  );

  app.get(
    '/api/v1/admin/entities',
    {
      config: { access: ro },
      schema: {
        tags: ['entities'],
        summary: 'Entities you administer, with counts',
        response: responses(Type.Object({ items: Type.Array(EntityDetail) })),
      },
    },
    async (request) => ({ items: await d.entities.list(requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/entities',
    {
      config: { access: rw, audit: { action: 'entity.create', objectType: 'entity' } },
      schema: { tags: ['entities'], summary: 'Create an entity', body: CreateEntityRequest, response: responses(EntityDetail, 201) },
    },
    async (request, reply) => {
      const created = await d.entities.create(requirePrincipal(request), request.body);
      auditTarget(request, {
        objectId: created.id,
        objectName: created.name,
        entityId: created.id,
        details: { parentId: created.parentId },
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/entities/:id',
    {
      config: { access: rw, audit: { action: 'entity.update', objectType: 'entity' } },
      schema: {
        tags: ['entities'],
        summary: 'Rename an entity or move it under another',
        params: Id,
        body: UpdateEntityRequest,
        response: responses(EntityDetail),
      },
    },
    async (request) => {
      const { before, after } = await d.entities.update(requirePrincipal(request), request.params.id, request.body);
      auditTarget(request, {
        objectId: after.id,
        objectName: after.name,
        entityId: after.id,
        details: { before, after: { name: after.name, parentId: after.parentId } },
      });
      return after;
    },
  );

  app.delete(
    '/api/v1/entities/:id',
    {
      config: { access: rw, audit: { action: 'entity.delete', objectType: 'entity' } },
      schema: { tags: ['entities'], summary: 'Delete an empty entity', params: Id, response: responses(NoContent) },
    },
    async (request) => {
      const gone = await d.entities.delete(requirePrincipal(request), request.params.id);
      auditTarget(request, { objectId: gone.id, objectName: gone.name });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/profiles',
    {
      config: { access: ro },
      schema: {
        tags: ['profiles'],
        summary: 'Profiles and their permissions',
        response: responses(Type.Object({ items: Type.Array(Profile) })),
      },
    },
    async () => ({ items: await d.profiles.list() }),
  );

  app.post(
    '/api/v1/profiles',
    {
      config: { access: rw, audit: { action: 'profile.create', objectType: 'profile' } },
      schema: {
        tags: ['profiles'],
        summary: 'Create a custom profile (Super-Admin)',
        body: SaveProfileRequest,
        response: responses(Profile, 201),
      },
    },
    async (request, reply) => {
      const profile = await d.profiles.create(requirePrincipal(request), request.body);
      auditTarget(request, { objectId: profile.id, objectName: profile.name, details: { permissions: profile.permissions } });
      return reply.status(201).send(profile);
    },
  );

  app.put(
    '/api/v1/profiles/:id',
    {
      config: { access: rw, audit: { action: 'profile.update', objectType: 'profile' } },
      schema: {
        tags: ['profiles'],
        summary: 'Change a custom profile (Super-Admin)',
        params: Id,
        body: SaveProfileRequest,
        response: responses(Profile),
      },
    },
    async (request) => {
      const profile = await d.profiles.update(requirePrincipal(request), request.params.id, request.body);
      auditTarget(request, { objectId: profile.id, objectName: profile.name, details: { permissions: profile.permissions } });
      return profile;
    },
  );

  app.delete(
    '/api/v1/profiles/:id',
    {
      config: { access: rw, audit: { action: 'profile.delete', objectType: 'profile' } },
      schema: { tags: ['profiles'], summary: 'Delete a custom profile nobody holds', params: Id, response: responses(NoContent) },
    },
    async (request) => {
      const gone = await d.profiles.delete(requirePrincipal(request), request.params.id);
      auditTarget(request, { objectId: gone.id, objectName: gone.name });
      return { ok: true as const };
    },
  );
}
