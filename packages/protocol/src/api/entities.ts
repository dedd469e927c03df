import { Type, type Static } from '@sinclair/typebox';

export const Entity = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
});
export type Entity = Static<typeof Entity>;
