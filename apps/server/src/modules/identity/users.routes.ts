import { Type } from '@sinclair/typebox';
import { CreateUserRequest, UpdateUserRequest, UserSummary } from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import type { UsersService } from './users.service.js';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const ro = access.feature('admin', 'ro');
const rw = access.feature('admin', 'rw');

/** User administration: list, create, change, delete, log out everywhere. */
export function usersRoutes(app: App, users: UsersService): void {
  const tags = ['users'];
  const described = (u: UserSummary) => ({
    objectId: u.id,
    objectName: u.username,
    details: { roles: u.roles.map((r) => `${r.profileName}@${r.entityName}`), disabled: u.disabled },
  });

  app.get(
    '/api/v1/users',
    {
      config: { access: ro },
      schema: { tags, summary: 'Users you administer', response: responses(Type.Object({ items: Type.Array(UserSummary) })) },
    },
    async (request) => ({ items: await users.list(requirePrincipal(request)) }),
  );

  app.get(
    '/api/v1/users/:id',
    { config: { access: ro }, schema: { tags, summary: 'One user, by id or name', params: Id, response: responses(UserSummary) } },
    async (request) => users.get(requirePrincipal(request), request.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: rw, audit: { action: 'user.create', objectType: 'user' } },
      schema: {
        tags,
        summary: 'Create a local user with profiles per entity',
        body: CreateUserRequest,
        response: responses(UserSummary, 201),
      },
    },
    async (request, reply) => {
      auditTarget(request, { objectName: request.body.username });
      const user = await users.create(requirePrincipal(request), request.body);
      auditTarget(request, described(user));
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: rw, audit: { action: 'user.update', objectType: 'user' } },
      schema: {
        tags,
        summary: 'Change a user: names, profiles, disable, reset password or second factor',
        params: Id,
        body: UpdateUserRequest,
        response: responses(UserSummary),
      },
    },
    async (request) => {
      const user = await users.update(requirePrincipal(request), request.params.id, request.body);
      const { password: _password, ...changed } = request.body;
      auditTarget(request, {
        ...described(user),
        details: { ...described(user).details, changed: Object.keys(changed).concat(_password ? ['password'] : []) },
      });
      return user;
    },
  );

  app.delete(
    '/api/v1/users/:id',
    {
      config: { access: rw, audit: { action: 'user.delete', objectType: 'user' } },
      schema: { tags, summary: 'Delete a user', params: Id, response: responses(NoContent) },
    },
    async (request) => {
      auditTarget(request, described(await users.delete(requirePrincipal(request), request.params.id)));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/users/:id/logout-everywhere',
    {
      config: { access: rw, audit: { action: 'user.logout-everywhere', objectType: 'user' } },
      schema: { tags, summary: 'End every session of a user', params: Id, response: responses(NoContent) },
    },
    async (request) => {
      const { user, ended } = await users.logoutEverywhere(requirePrincipal(request), request.params.id);
      auditTarget(request, { objectId: user.id, objectName: user.username, details: { sessions: ended } });
      return { ok: true as const };
    },
  );
}
