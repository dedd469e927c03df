import { Type } from '@sinclair/typebox';
import { CreateGroupRequest, GroupDetail, GroupList, GroupMembersRequest } from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import type { GroupsService } from './groups.service.js';

const RefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 128, description: 'Group id or name' }) });

export function groupsRoutes(app: App, groups: GroupsService): void {
  const tags = ['groups'];
  app.post(
    '/api/v1/groups',
    {
      config: { access: access.feature('groups', 'rw'), audit: { action: 'group.create', objectType: 'group' } },
      schema: { tags, summary: 'Create a static group of machines', body: CreateGroupRequest, response: responses(GroupDetail, 201) },
    },
    async (request, reply) => reply.status(201).send(await groups.create(requirePrincipal(request), request.body)),
  );
  app.get(
    '/api/v1/groups',
    { config: { access: access.feature('groups', 'ro') }, schema: { tags, summary: 'Groups you may see', response: responses(GroupList) } },
    async (request) => ({ items: await groups.list(requirePrincipal(request)) }),
  );
  app.get(
    '/api/v1/groups/:ref',
    {
      config: { access: access.feature('groups', 'ro') },
      schema: { tags, summary: 'A group and its machines', params: RefParams, response: responses(GroupDetail) },
    },
    async (request) => groups.detail(requirePrincipal(request), request.params.ref),
  );
  for (const [verb, summary] of [
    ['add', 'Put machines in a group'],
    ['remove', 'Take machines out of a group'],
  ] as const) {
    app.post(
      `/api/v1/groups/:ref/${verb}`,
      {
        config: { access: access.feature('groups', 'rw'), audit: { action: `group.${verb}`, objectType: 'group' } },
        schema: { tags, summary, params: RefParams, body: GroupMembersRequest, response: responses(GroupDetail) },
      },
      async (request) => groups[verb](requirePrincipal(request), request.params.ref, request.body.machines),
    );
  }
  app.delete(
    '/api/v1/groups/:ref',
    {
      config: { access: access.feature('groups', 'rw'), audit: { action: 'group.delete', objectType: 'group' } },
      schema: { tags, summary: 'Delete a group (its machines stay)', params: RefParams, response: responses(NoContent) },
    },
    async (request) => {
      await groups.delete(requirePrincipal(request), request.params.ref);
      return { ok: true as const };
    },
  );
}
