import { Type, type Static } from '@sinclair/typebox';

const Refs = Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
  minItems: 1,
  maxItems: 50_000,
  description: 'Hostnames or machine ids',
});

export const CreateGroupRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S(.*\\S)?$' }),
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Entity id or name; root when absent' })),
    machines: Type.Optional(Refs),
  },
  { additionalProperties: false },
);
export type CreateGroupRequest = Static<typeof CreateGroupRequest>;

export const GroupMembersRequest = Type.Object({ machines: Refs }, { additionalProperties: false });
export type GroupMembersRequest = Static<typeof GroupMembersRequest>;

export const GroupSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  entityId: Type.String(),
  entityName: Type.String(),
  kind: Type.Literal('static'),
  members: Type.Integer(),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
});
export type GroupSummary = Static<typeof GroupSummary>;

export const GroupDetail = Type.Composite([
  GroupSummary,
  Type.Object({ machines: Type.Array(Type.Object({ id: Type.String(), hostname: Type.String(), status: Type.String() })) }),
]);
export type GroupDetail = Static<typeof GroupDetail>;

export const GroupList = Type.Object({ items: Type.Array(GroupSummary) });
export type GroupList = Static<typeof GroupList>;
